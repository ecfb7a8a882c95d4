import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
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

  /** Adds a role; false when the name is taken (the primary key decides, not a prior read). */
  async create(name: string, description: string | null): Promise<boolean> {
    try {
      await this.em.insert(Role, { name, description, builtIn: false, createdAt: new Date() });
      return true;
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) return false;
      throw error;
    }
  }

  async findExistingNames(names: string[]): Promise<string[]> {
    if (names.length === 0) return [];
    const roles = await this.em.find(Role, { name: { $in: names } }, { fields: ['name'] });
    return roles.map((role) => role.name);
  }

  /** The role after the change, or null when no role has this name. */
  async updateDescription(name: string, description: string | null): Promise<Role | null> {
    if ((await this.em.nativeUpdate(Role, { name }, { description })) === 0) return null;
    return this.em.findOne(Role, { name }, { refresh: true });
  }

  findAll(): Promise<Role[]> {
    return this.em.find(Role, {}, { orderBy: { createdAt: 'asc', name: 'asc' } });
  }
}
