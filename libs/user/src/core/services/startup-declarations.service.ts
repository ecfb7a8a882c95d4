import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { OrmContext } from '../repositories/orm-context.js';
import { DeclaredFieldsService } from './declared-fields.service.js';
import { RolesService } from './roles.service.js';

/**
 * What the host declares in code, written at every start after its onModuleInit (where it runs
 * the migrations): the roles, then the fields. One hook, one after the other: Nest runs a
 * module's hooks side by side, and a refused start (a field whose type changed) must not close
 * the ORM while other start-up writes are still on their way (PostgreSQL's pool then never ends).
 */
@Injectable()
export class StartupDeclarationsService implements OnApplicationBootstrap {
  constructor(
    private readonly roles: RolesService,
    private readonly fields: DeclaredFieldsService,
    private readonly ormContext: OrmContext,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ormContext.run(async () => {
      await this.roles.declareRoles();
      await this.fields.declare();
    });
  }
}
