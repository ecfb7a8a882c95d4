import type { Migration } from '@mikro-orm/migrations';
import { platformDialect, type SqlDialect } from './platform-dialect.js';

export type { SqlDialect };

/** The library ships hand-checked SQL per database; this picks the one the host runs on. */
export function dialectOf(migration: Migration): SqlDialect {
  const platform = (
    migration as unknown as { driver: { getPlatform(): object } }
  ).driver.getPlatform();
  const dialect = platformDialect(platform);
  if (!dialect) throw new Error('Nest UserKit migrations support PostgreSQL and SQLite only');
  return dialect;
}
