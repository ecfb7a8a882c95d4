import type { EntityManager } from '@mikro-orm/core';
import { BasePostgreSqlPlatform } from '@mikro-orm/sql';

/** Raw queries differ in two details: case-insensitive LIKE, and how a timestamp is bound. */
export function isPostgres(em: EntityManager): boolean {
  return em.getPlatform() instanceof BasePostgreSqlPlatform;
}
