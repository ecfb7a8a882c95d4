export const METADATA_MAX_BYTES = 8 * 1024;
export const METADATA_MAX_DEPTH = 10;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Why a metadata value is refused, or null when it is acceptable: a plain JSON object of at most
 * 8 KiB and depth 10, with no key that could reach an object's prototype.
 */
export function metadataProblem(value: unknown): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'must be a JSON object';
  const pending: Array<{ node: unknown; depth: number }> = [{ node: value, depth: 1 }];
  while (pending.length > 0) {
    const { node, depth } = pending.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > METADATA_MAX_DEPTH) return `must not be nested deeper than ${METADATA_MAX_DEPTH} levels`;
    const keys = Array.isArray(node) ? [] : Object.keys(node);
    for (const key of keys) {
      if (FORBIDDEN_KEYS.has(key)) return `must not contain the key "${key}"`;
    }
    const children = Array.isArray(node) ? node : Object.values(node as object);
    for (const child of children) pending.push({ node: child, depth: depth + 1 });
  }
  const bytes = Buffer.byteLength(JSON.stringify(value), 'utf8');
  if (bytes > METADATA_MAX_BYTES) return `must be at most ${METADATA_MAX_BYTES} bytes of JSON (got ${bytes})`;
  return null;
}
