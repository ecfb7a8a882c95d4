import type { EntityManager, EntityName } from '@mikro-orm/core';

/**
 * A raw row's values as the entity's properties would hold them, without making an entity: the
 * ORM's own result mapper (column → property, booleans, dates) then each custom type's
 * `convertToJSValue` (JSON columns), the two steps its hydrator runs. For read-only views on a hot
 * path (GET /me): no identity map, no change-tracking snapshot, nothing a flush could write.
 */
export function plainValues<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  row: Record<string, unknown>,
): T {
  const meta = em.getMetadata().get(entity);
  const values = em.getDriver().mapResult(row as never, meta) as Record<string, unknown>;
  const platform = em.getPlatform();
  for (const prop of meta.props) {
    const value = values[prop.name];
    if (prop.customType && value !== null && value !== undefined)
      values[prop.name] = prop.customType.convertToJSValue(value, platform);
  }
  return values as T;
}
