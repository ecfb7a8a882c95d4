import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Role } from '../entities/role.entity.js';
import { UserKitException } from '../errors/user-kit.exception.js';
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

  /** A new role at run time; 409 when the name exists. */
  async create(name: string, description: string | null): Promise<Role> {
    if (!(await this.roles.create(name, description))) throw new UserKitException('ROLE_TAKEN');
    const created = (await this.roles.findAll()).find((role) => role.name === name);
    return created!;
  }
}
