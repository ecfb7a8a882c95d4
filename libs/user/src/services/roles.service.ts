import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Role } from '../entities/role.entity.js';
import type { ResolvedUserOptions } from '../options/resolved-options.js';
import { OrmContext } from '../repositories/orm-context.js';
import { RolesRepository } from '../repositories/roles.repository.js';
import { USER_OPTIONS } from '../tokens.js';

@Injectable()
export class RolesService implements OnApplicationBootstrap {
  constructor(
    @Inject(USER_OPTIONS) private readonly options: ResolvedUserOptions,
    private readonly roles: RolesRepository,
    private readonly ormContext: OrmContext,
  ) {}

  /** After the host's onModuleInit (where it runs migrations): declare built-in and option roles. */
  async onApplicationBootstrap(): Promise<void> {
    await this.ormContext.run(() => this.roles.ensure(this.options.roles));
  }

  list(): Promise<Role[]> {
    return this.roles.findAll();
  }
}
