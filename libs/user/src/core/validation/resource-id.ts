/**
 * Ids are opaque, but every id the library hands out is made of these characters. A path
 * parameter that is not shaped like one cannot name a resource: it is a 404 without a query
 * (and a NUL byte or a 300-character string never reaches the database driver).
 */
export function isResourceId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value);
}
