import type { EntityManager } from '@mikro-orm/core';
import { ormException, type Kysely, type NativeConnection, type PgPool } from './native-driver.js';
import { isPostgres } from './sql-dialect-of.js';

interface SqliteWriteStatement {
  run(...params: unknown[]): unknown;
}
interface SqliteDatabase {
  prepare(sql: string): SqliteWriteStatement;
  transaction(work: (params: unknown[][]) => void): (params: unknown[][]) => void;
}

/**
 * Rows that must be written together on a hot path (a session and its first refresh token), in
 * one round trip instead of the ORM's BEGIN, INSERT, INSERT, COMMIT: ONE statement on PostgreSQL
 * (a data-modifying CTE: atomic, prepared once per pooled connection, on the primary), and the
 * statements in one synchronous better-sqlite3 transaction on SQLite, run while holding the SQL
 * layer's one connection so no other request's statement lands in between. Inside an ORM
 * transaction the same SQL runs on its connection instead. `?` placeholders; the PostgreSQL
 * statement takes the SQLite statements' parameters concatenated, in order.
 */
export class PreparedWrite {
  private sqlite: { database: SqliteDatabase; run: (params: unknown[][]) => void } | undefined;
  private readonly pgText: string;

  constructor(
    private readonly name: string,
    private readonly postgresSql: string,
    private readonly sqliteSql: string[],
  ) {
    let index = 0;
    this.pgText = postgresSql.replace(/\?/g, () => `$${++index}`);
  }

  /** `params`: one list per SQLite statement. */
  async run(em: EntityManager, params: unknown[][]): Promise<void> {
    try {
      await this.write(em, params);
    } catch (error) {
      throw ormException(em, error);
    }
  }

  private async write(em: EntityManager, params: unknown[][]): Promise<void> {
    const connection = em.getConnection() as unknown as NativeConnection;
    const transaction = em.getTransactionContext();
    if (transaction || typeof connection.getNativeClient !== 'function') {
      if (isPostgres(em)) {
        await em
          .getConnection()
          .execute(this.postgresSql, params.flat() as never[], 'run', transaction);
        return;
      }
      for (const [index, sql] of this.sqliteSql.entries())
        await em.getConnection().execute(sql, params[index] as never[], 'run', transaction);
      return;
    }
    const native = await connection.getNativeClient();
    if (isPostgres(em)) {
      await (native as PgPool).query({ name: this.name, text: this.pgText, values: params.flat() });
      return;
    }
    const database = native as SqliteDatabase;
    if (this.sqlite?.database !== database) {
      const statements = this.sqliteSql.map((sql) => database.prepare(sql));
      const run = database.transaction((all) => {
        statements.forEach((statement, index) => statement.run(...all[index]));
      });
      this.sqlite = { database, run };
    }
    const run = this.sqlite.run;
    const kysely = connection.getClient?.() as Kysely | undefined;
    // One SQLite connection for the whole process: wait for it like any other query does.
    if (kysely) await kysely.connection().execute(async () => run(params));
    else run(params);
  }
}

/**
 * An entity made with `em.create(..., { persist: false })` as the columns and values of its row,
 * converted as the ORM converts them for an INSERT (dates as the platform stores them, booleans
 * as 0/1 on SQLite, JSON as text, to-one relations as the related key).
 */
export function insertRow(
  em: EntityManager,
  entity: object,
): { columns: string[]; values: unknown[] } {
  const platform = em.getPlatform();
  const postgres = isPostgres(em);
  const columns: string[] = [];
  const values: unknown[] = [];
  const props = em.getMetadata().get(entity.constructor).props;
  for (const prop of props) {
    if (prop.fieldNames?.length !== 1 || prop.persist === false) continue;
    if (prop.kind !== 'scalar' && prop.kind !== 'm:1') continue;
    let value = (entity as Record<string, unknown>)[prop.name];
    if (prop.kind === 'm:1') value = (value as { id?: unknown } | null)?.id ?? null;
    else if (value instanceof Date) value = platform.processDateProperty(value);
    else if (typeof value === 'boolean') value = postgres ? value : value ? 1 : 0;
    else if (isJson(prop) && value !== null && value !== undefined) value = JSON.stringify(value);
    columns.push(`"${prop.fieldNames[0]}"`);
    values.push(value ?? null);
  }
  return { columns, values };
}

function isJson(prop: { type?: unknown; customType?: object }): boolean {
  return (
    String(prop.type).toLowerCase() === 'json' || prop.customType?.constructor.name === 'JsonType'
  );
}
