import type { EntityManager } from '@mikro-orm/core';

/** The parts of the drivers under MikroORM that the prepared statements use. */
export interface PgPool {
  query(config: {
    name: string;
    text: string;
    values: unknown[];
  }): Promise<{ rows: Record<string, unknown>[] }>;
}
export interface Kysely {
  connection(): { execute<T>(work: () => Promise<T>): Promise<T> };
}
export interface NativeConnection {
  getNativeClient?: () => Promise<unknown>;
  getClient?: () => unknown;
}

/**
 * A driver error as the ORM's own exception types (unique violation, connection lost, locked,
 * ...), as for any other query. Not `instanceof Error`: the native driver's errors may come from
 * another realm (jest's VM contexts).
 */
export function ormException(em: EntityManager, error: unknown): unknown {
  const isError = typeof (error as Error | null)?.message === 'string';
  return isError ? em.getDriver().convertException(error as Error) : error;
}
