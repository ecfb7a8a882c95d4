import { MikroORM } from '@mikro-orm/core';
import type { INestApplication } from '@nestjs/common';

/**
 * Raw SQL against the app's own database, for arranging states HTTP cannot reach (an old hash,
 * an expired row) and for checking what was stored. `?` placeholders work on both databases.
 */
export async function sql<T = Record<string, unknown>>(
  app: INestApplication,
  query: string,
  params: unknown[] = [],
): Promise<T[]> {
  const orm = app.get(MikroORM);
  return (await orm.em.fork().getConnection().execute(query, params)) as T[];
}
