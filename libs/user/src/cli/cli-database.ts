import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Options } from '@mikro-orm/core';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { USER_ENTITIES } from '../core/entities/index.js';

/**
 * `--database-url` → MikroORM options for the core's entities: `postgresql://…` (or
 * `postgres://…`), `sqlite:PATH` or a plain path to an SQLite file. The driver package is the
 * host's own (an optional peer), loaded only for the database given.
 */
export async function cliDatabaseOptions(databaseUrl: string): Promise<Partial<Options>> {
  const common = {
    entities: USER_ENTITIES,
    metadataProvider: ReflectMetadataProvider,
    allowGlobalContext: false,
    debug: false,
  };
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    const { PostgreSqlDriver } = await import('@mikro-orm/postgresql');
    return { ...common, driver: PostgreSqlDriver, clientUrl: databaseUrl, pool: { max: 4 } };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(databaseUrl))
    throw new CliUsageError('--database-url must be postgresql://…, sqlite:PATH or a file path');
  const file = resolve(databaseUrl.replace(/^sqlite:/, ''));
  // SQLite would create a missing file: a typo must not import into an empty new database.
  if (!existsSync(file)) throw new CliUsageError(`No SQLite database at ${file}`);
  const { SqliteDriver } = await import('@mikro-orm/sqlite');
  return { ...common, driver: SqliteDriver, dbName: file };
}

/** A mistake in the command line: its message is shown with the usage, exit code 2. */
export class CliUsageError extends Error {}
