import type { EntityManager, EntityName } from '@mikro-orm/core';
import { isPostgres } from './sql-dialect-of.js';

type Row = Record<string, unknown>;

/**
 * A scalar subselect giving a table's matching rows as ONE JSON array of objects keyed by column
 * name, so several collections come back in one statement (one round trip) instead of one each.
 * The objects hold the column values as the driver returns them in a plain select (booleans as
 * 0/1 and JSON columns as text on SQLite; timestamps as ISO strings with an offset on PostgreSQL,
 * which MikroORM's result mapper turns into the same Date), so `em.map` hydrates them as before.
 * `where` uses `t` as the table's alias and `?` placeholders; `orderBy` lists column names.
 */
export function jsonRowsSubselect(
  em: EntityManager,
  entity: EntityName<object>,
  where: string | null,
  orderBy: string[],
): string {
  const meta = em.getMetadata().get(entity);
  const pairs = meta.props
    .filter((prop) => prop.fieldNames?.length === 1 && prop.persist !== false)
    .filter((prop) => prop.kind === 'scalar' || prop.kind === 'm:1' || prop.kind === '1:1')
    .map((prop) => `'${prop.fieldNames[0]}', t."${prop.fieldNames[0]}"`)
    .join(', ');
  const order = orderBy.map((column) => `t."${column}" asc`).join(', ');
  const filter = where ? ` where ${where}` : '';
  // Both aggregate in the given order (SQLite ≥ 3.44 takes ORDER BY inside an aggregate).
  const aggregate = isPostgres(em)
    ? `coalesce(json_agg(json_build_object(${pairs}) order by ${order}), '[]'::json)`
    : `json_group_array(json_object(${pairs}) order by ${order})`;
  return `(select ${aggregate} from "${meta.tableName}" t${filter})`;
}

/** The rows of a `jsonRowsSubselect` column (pg parses json itself; SQLite hands over text). */
export function parseJsonRows(value: unknown): Row[] {
  if (typeof value === 'string') return JSON.parse(value) as Row[];
  return (value ?? []) as Row[];
}
