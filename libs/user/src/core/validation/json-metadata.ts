export const METADATA_MAX_BYTES = 8 * 1024;
export const METADATA_MAX_DEPTH = 10;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The path of the first key that could reach an object's prototype, or null. */
export function findForbiddenKey(value: unknown, path = ''): string | null {
  const pending: Array<{ node: unknown; path: string }> = [{ node: value, path }];
  while (pending.length > 0) {
    const { node, path: at } = pending.pop()!;
    if (node === null || typeof node !== 'object') continue;
    for (const key of Object.keys(node)) {
      const keyPath = Array.isArray(node) ? `${at}[${key}]` : at ? `${at}.${key}` : key;
      if (!Array.isArray(node) && FORBIDDEN_KEYS.has(key)) return keyPath;
      pending.push({ node: (node as Record<string, unknown>)[key], path: keyPath });
    }
  }
  return null;
}

function depthOf(value: unknown): number {
  let deepest = 0;
  const pending: Array<{ node: unknown; depth: number }> = [{ node: value, depth: 1 }];
  while (pending.length > 0) {
    const { node, depth } = pending.pop()!;
    if (node === null || typeof node !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > METADATA_MAX_DEPTH) return deepest;
    for (const child of Object.values(node)) pending.push({ node: child, depth: depth + 1 });
  }
  return deepest;
}

/**
 * Why a metadata value is refused, or null when it is acceptable: a plain JSON object of at most
 * 8 KiB and depth 10, with no key that could reach an object's prototype.
 */
export function metadataProblem(value: unknown): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return 'must be a JSON object';
  const forbidden = findForbiddenKey(value);
  if (forbidden)
    return `must not contain the key "${forbidden.split('.').pop()}" (at ${forbidden})`;
  if (depthOf(value) > METADATA_MAX_DEPTH)
    return `must not be nested deeper than ${METADATA_MAX_DEPTH} levels`;
  const bytes = Buffer.byteLength(JSON.stringify(value), 'utf8');
  if (bytes > METADATA_MAX_BYTES)
    return `must be at most ${METADATA_MAX_BYTES} bytes of JSON (got ${bytes})`;
  return null;
}
