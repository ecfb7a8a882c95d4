import type { Migration } from '@mikro-orm/migrations';
import { BasePostgreSqlPlatform, SqlitePlatform } from '@mikro-orm/sql';

export type SqlDialect = 'postgresql' | 'sqlite';

/** The library ships hand-checked SQL per database; this picks the one the host runs on. */
export function dialectOf(migration: Migration): SqlDialect {
  const platform = (
    migration as unknown as { driver: { getPlatform(): unknown } }
  ).driver.getPlatform();
  if (platform instanceof BasePostgreSqlPlatform) return 'postgresql';
  if (platform instanceof SqlitePlatform) return 'sqlite';
  throw new Error('Nest UserKit migrations support PostgreSQL and SQLite only');
}
