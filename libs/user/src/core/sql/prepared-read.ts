import type { EntityManager, EntityName } from '@mikro-orm/core';
import { ormException, type Kysely, type NativeConnection, type PgPool } from './native-driver.js';
import { isPostgres } from './sql-dialect-of.js';

type Row = Record<string, unknown>;

interface SqliteStatement {
  all(...params: unknown[]): Row[];
}
interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
}

/**
 * A read on a hot path (the session check runs on every authenticated request) as a statement
 * prepared once and reused, straight on the driver under MikroORM. MikroORM inlines the parameters
 * into the SQL text, so the database parses and plans every query again (about half of a small
 * read's time on SQLite). Here: a better-sqlite3 Statement kept per database on SQLite, run while
 * holding the SQL layer's connection (so it never runs inside another request's open
 * transaction); a named prepared statement on PostgreSQL (pg prepares it once per pooled
 * connection), on the primary's pool. The rows are the driver's raw rows, as MikroORM sees them.
 * Also for a single-statement write on a hot path with `returning` (its rows are then the rows it
 * changed: a compare-and-set's verdict); writes of several rows: PreparedWrite.
 */
export class PreparedRead {
  private sqlite: { database: SqliteDatabase; statement: SqliteStatement } | undefined;
  private readonly pgText: string;

  /** `sql` uses `?` placeholders; `name` is unique per SQL text (PostgreSQL's statement name). */
  constructor(
    private readonly name: string,
    private readonly sql: string,
  ) {
    let index = 0;
    this.pgText = sql.replace(/\?/g, () => `$${++index}`);
  }

  async all(em: EntityManager, params: unknown[]): Promise<Row[]> {
    try {
      return await this.run(em, params);
    } catch (error) {
      throw ormException(em, error);
    }
  }

  private async run(em: EntityManager, params: unknown[]): Promise<Row[]> {
    const connection = em.getConnection() as unknown as NativeConnection;
    const transaction = em.getTransactionContext();
    // Inside a transaction: on its own connection (SQLite's one connection is held by it).
    if (transaction || typeof connection.getNativeClient !== 'function') {
      return em.getConnection().execute<Row[]>(this.sql, params as never[], 'all', transaction);
    }
    const native = await connection.getNativeClient();
    if (isPostgres(em)) {
      const result = await (native as PgPool).query({
        name: this.name,
        text: this.pgText,
        values: params,
      });
      return result.rows;
    }
    const database = native as SqliteDatabase;
    if (this.sqlite?.database !== database)
      this.sqlite = { database, statement: database.prepare(this.sql) };
    const statement = this.sqlite.statement;
    const kysely = connection.getClient?.() as Kysely | undefined;
    // One SQLite connection for the whole process: wait for it like any other query does.
    if (kysely) return kysely.connection().execute(async () => statement.all(...params));
    return statement.all(...params);
  }
}

/** The columns an entity maps (scalars and to-one keys), quoted, for a `select` of raw rows. */
export function entityColumns(em: EntityManager, entity: EntityName<object>): string[] {
  return em
    .getMetadata()
    .get(entity)
    .props.filter((prop) => prop.fieldNames?.length === 1 && prop.persist !== false)
    .filter((prop) => prop.kind === 'scalar' || prop.kind === 'm:1' || prop.kind === '1:1')
    .map((prop) => `"${prop.fieldNames[0]}"`);
}
