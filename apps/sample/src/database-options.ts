import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Options } from '@mikro-orm/core';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { SqliteDriver } from '@mikro-orm/sqlite';
import { USER_ENTITIES, USER_MIGRATIONS } from '@userkit/user';
import { AUDIT_LOG_ENTITIES, AUDIT_LOG_MIGRATIONS } from '@userkit/user/audit-log';
import { CONTACTS_ENTITIES, CONTACTS_MIGRATIONS } from '@userkit/user/contacts';
import { OAUTH_ENTITIES, OAUTH_MIGRATIONS } from '@userkit/user/oauth';
import { ORGANIZATIONS_ENTITIES, ORGANIZATIONS_MIGRATIONS } from '@userkit/user/organizations';
import { PASSKEYS_ENTITIES, PASSKEYS_MIGRATIONS } from '@userkit/user/passkeys';
import { TWO_FACTOR_ENTITIES, TWO_FACTOR_MIGRATIONS } from '@userkit/user/two-factor';
import { WEBHOOKS_ENTITIES, WEBHOOKS_MIGRATIONS } from '@userkit/user/webhooks';

export const DEFAULT_SQLITE_FILE = './data/userkit.sqlite';

/** The core's entities and those of every feature module the sample imports. */
const ENTITIES = [
  ...USER_ENTITIES,
  ...OAUTH_ENTITIES,
  ...TWO_FACTOR_ENTITIES,
  ...CONTACTS_ENTITIES,
  ...AUDIT_LOG_ENTITIES,
  ...WEBHOOKS_ENTITIES,
  ...ORGANIZATIONS_ENTITIES,
  ...PASSKEYS_ENTITIES,
];

/** The core's migrations first, then each feature's (their tables reference the core's). */
const MIGRATIONS = [
  ...USER_MIGRATIONS,
  ...OAUTH_MIGRATIONS,
  ...TWO_FACTOR_MIGRATIONS,
  ...CONTACTS_MIGRATIONS,
  ...AUDIT_LOG_MIGRATIONS,
  ...WEBHOOKS_MIGRATIONS,
  ...ORGANIZATIONS_MIGRATIONS,
  ...PASSKEYS_MIGRATIONS,
];

/** PostgreSQL's pool: its size, and how long a query waits for a connection before a 503. */
export interface DatabasePoolOptions {
  size: number;
  timeoutMs: number;
}

/**
 * DATABASE_URL → MikroORM options: empty = SQLite under ./data, `sqlite:PATH`, or `postgresql://…`.
 * On PostgreSQL a request that waits `pool.timeoutMs` for a connection (a slow or saturated
 * database) fails with pg's "timeout exceeded when trying to connect", which the library answers
 * with 503 and Retry-After: under a slow database requests are refused at that deadline instead of
 * queueing without end.
 */
export function databaseOptions(
  databaseUrl: string | undefined,
  debug = false,
  pool: DatabasePoolOptions = { size: 10, timeoutMs: 5000 },
): Partial<Options> {
  const common = {
    entities: ENTITIES,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    migrations: { migrationsList: MIGRATIONS, snapshot: false, silent: true },
    debug,
    allowGlobalContext: false,
  };
  if (!databaseUrl || databaseUrl.startsWith('sqlite:')) {
    const file = resolve(databaseUrl ? databaseUrl.slice('sqlite:'.length) : DEFAULT_SQLITE_FILE);
    mkdirSync(dirname(file), { recursive: true });
    return { ...common, driver: SqliteDriver, dbName: file };
  }
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    // Only clientUrl: a dbName next to it would win and silently create another database.
    return {
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: databaseUrl,
      pool: { max: pool.size },
      driverOptions: { connectionTimeoutMillis: pool.timeoutMs },
    };
  }
  throw new Error('DATABASE_URL must be empty, sqlite:PATH or postgresql://...');
}
