import type { EntityManager } from '@mikro-orm/core';
import { ormException } from './native-driver.js';
import { isPostgres } from './sql-dialect-of.js';

/** Bound parameters per statement: under SQLite's 32766 and PostgreSQL's 65535. */
const MAX_PARAMETERS = 30_000;

/** The part of the Kysely connection or transaction under MikroORM that runs a compiled query. */
interface QueryExecutor {
  executeQuery(query: {
    sql: string;
    parameters: readonly unknown[];
    query: { kind: 'RawNode' };
    queryId: { queryId: string };
  }): Promise<unknown>;
}

/**
 * Many rows of one table as multi-row INSERTs (`values (...), (...)`), on the transaction's
 * connection when one is open: a bulk write (an import's batch) costs a few statements instead of
 * one per row. Each row holds one value per column, in order, converted as the platform stores it
 * (see insertRow). Quoted column names. The values are bound by the driver, not formatted into the
 * SQL by the ORM (which costs more than the INSERT at thousands of values).
 */
export async function insertRows(
  em: EntityManager,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
): Promise<void> {
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const postgres = isPostgres(em);
  const executor = (em.getTransactionContext() ??
    (em.getConnection() as unknown as { getClient(): unknown }).getClient()) as QueryExecutor;
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    let index = 0;
    const tuples = chunk.map(
      () => `(${columns.map(() => (postgres ? `$${++index}` : '?')).join(', ')})`,
    );
    try {
      await executor.executeQuery({
        sql: `insert into "${table}" (${columns.join(', ')}) values ${tuples.join(', ')}`,
        parameters: chunk.flat(),
        query: { kind: 'RawNode' },
        queryId: { queryId: `userkit-insert-rows-${table}` },
      });
    } catch (error) {
      throw ormException(em, error);
    }
  }
}
