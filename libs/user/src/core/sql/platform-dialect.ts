export type SqlDialect = 'postgresql' | 'sqlite';

/**
 * The database family of a MikroORM platform, by its class lineage (PostgreSqlPlatform extends
 * BasePostgreSqlPlatform; the SQLite drivers share SqlitePlatform). Read by name rather than
 * `instanceof` so the library needs no import of @mikro-orm/sql, which the host's driver brings
 * in its own exact version.
 */
export function platformDialect(platform: object): SqlDialect | null {
  for (
    let type = platform.constructor;
    type && type !== Object;
    type = Object.getPrototypeOf(type)
  ) {
    if (type.name === 'BasePostgreSqlPlatform') return 'postgresql';
    if (type.name === 'SqlitePlatform') return 'sqlite';
  }
  return null;
}
