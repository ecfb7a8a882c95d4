import type { JsonObject } from '../entities/user.entity.js';

function isPlainObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Clerk's metadata merge: objects merge key by key at any depth, `null` deletes a key, anything
 * else (arrays included) replaces the value.
 */
export function deepMergeMetadata(target: JsonObject, patch: JsonObject): JsonObject {
  const result: JsonObject = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else if (isPlainObject(value) && isPlainObject(result[key]))
      result[key] = deepMergeMetadata(result[key] as JsonObject, value);
    else if (isPlainObject(value)) result[key] = deepMergeMetadata({}, value);
    else result[key] = value;
  }
  return result;
}
