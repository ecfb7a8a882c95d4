import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { Role } from '../entities/role.entity.js';
import type { RoleDefinition } from '../options/user-module-options.js';

@Injectable()
export class RolesRepository {
  constructor(private readonly em: EntityManager) {}

  /** Declares built-in and option roles; safe when several instances start at once. */
  async ensure(roles: RoleDefinition[]): Promise<void> {
    for (const role of roles) {
      await this.em.upsert(
        Role,
        {
          name: role.name,
          description: role.description ?? null,
          builtIn: true,
          createdAt: new Date(),
        },
        { onConflictFields: ['name'], onConflictAction: 'ignore' },
      );
    }
  }

  findAll(): Promise<Role[]> {
    return this.em.find(Role, {}, { orderBy: { createdAt: 'asc', name: 'asc' } });
  }
}
