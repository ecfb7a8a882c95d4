import type { EntityManager } from '@mikro-orm/core';
import { platformDialect } from './platform-dialect.js';

/** Raw queries differ in two details: case-insensitive LIKE, and how a timestamp is bound. */
export function isPostgres(em: EntityManager): boolean {
  return platformDialect(em.getPlatform()) === 'postgresql';
}
