import { Inject, Injectable } from '@nestjs/common';
import type { Role } from '../entities/role.entity.js';
import { UserKitException } from '../errors/user-kit.exception.js';
import type { ResolvedUserOptions } from '../options/resolved-options.js';
import { OrmContext } from '../repositories/orm-context.js';
import { RoleDeletionRepository } from '../repositories/role-deletion.repository.js';
import { RolesRepository } from '../repositories/roles.repository.js';
import { USER_OPTIONS } from '../tokens.js';

@Injectable()
export class RolesService {
  constructor(
    @Inject(USER_OPTIONS) private readonly options: ResolvedUserOptions,
    private readonly roles: RolesRepository,
    private readonly ormContext: OrmContext,
    private readonly deletion: RoleDeletionRepository,
  ) {}

  /** The built-in and option roles, at every start (StartupDeclarationsService, after migrations). */
  async declareRoles(): Promise<void> {
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

  /** Built-in and option roles: this instance re-creates them at every start. */
  isDeclared(name: string): boolean {
    return this.options.roles.some((role) => role.name === name);
  }

  /** Sets or (null) clears the description; 404 for an unknown role. */
  async updateDescription(name: string, description: string | null): Promise<Role> {
    const role = await this.roles.updateDescription(name, description);
    if (!role) throw new UserKitException('ROLE_DOES_NOT_EXIST');
    return role;
  }

  /**
   * Deletes a custom role that no user holds. Nothing is taken from users implicitly: while
   * anyone holds it the answer is a 409 with the count, and the database decides (see
   * RoleDeletionRepository) so a concurrent assignment cannot slip in between.
   */
  async delete(name: string): Promise<void> {
    if (this.isDeclared(name)) {
      if (!(await this.roles.findExistingNames([name])).length)
        throw new UserKitException('ROLE_DOES_NOT_EXIST');
      throw new UserKitException(
        'ROLE_DECLARED',
        `Role '${name}' is built in or declared in the module options: it cannot be deleted (it is re-created at every start)`,
      );
    }
    const result = await this.deletion.deleteUnlessHeld(name);
    if (result.outcome === 'not_found') throw new UserKitException('ROLE_DOES_NOT_EXIST');
    if (result.outcome === 'held') {
      const who = result.holders === 1 ? '1 user holds' : `${result.holders} users hold`;
      throw new UserKitException('ROLE_IN_USE', `${who} role '${name}': remove it from them first`);
    }
  }
}
