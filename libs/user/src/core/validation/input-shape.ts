/** Deep enough for metadata (depth 10) inside a body field; far below what overflows the stack. */
export const INPUT_MAX_DEPTH = 16;
/** Keys and array items in one body or query, all levels together. */
export const INPUT_MAX_ENTRIES = 5000;

/**
 * NUL and the C0 controls other than tab, line feed and carriage return, and DEL: no text the
 * library stores needs them, SQLite and PostgreSQL refuse NUL, and they garble logs and pages.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored as text (a phrase after its name), or null when it can. */
export function textProblem(text: string): string | null {
  if (FORBIDDEN_CONTROL.test(text))
    return 'must not contain NUL or control characters (tab and newlines are allowed)';
  // A lone surrogate is valid JSON ("\udc00") but not Unicode: UTF-8 cannot encode it.
  if (LONE_SURROGATE.test(text)) return 'must not contain a lone surrogate (not valid Unicode)';
  return null;
}

/**
 * Why a parsed body or query is refused before any transformation, or null: too deep (class-
 * transformer recurses and would overflow the stack), too many entries, or a key or string value
 * that is not storable text. Walks iteratively, and stops at the first problem.
 */
export function inputShapeProblem(input: unknown): string | null {
  const pending: Array<{ node: unknown; depth: number; path: string }> = [
    { node: input, depth: 0, path: '' },
  ];
  let entries = 0;
  while (pending.length > 0) {
    const { node, depth, path } = pending.pop()!;
    if (typeof node === 'string') {
      const problem = textProblem(node);
      if (problem) return `${path || 'the value'} ${problem}`;
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    if (depth >= INPUT_MAX_DEPTH)
      return `the input must not be nested deeper than ${INPUT_MAX_DEPTH} levels`;
    const keys = Object.keys(node);
    entries += keys.length;
    if (entries > INPUT_MAX_ENTRIES)
      return `the input must not hold more than ${INPUT_MAX_ENTRIES} keys and items in all`;
    const isArray = Array.isArray(node);
    for (const key of keys) {
      if (!isArray) {
        const problem = textProblem(key);
        if (problem) return `a key ${problem} (at ${path || 'the top level'})`;
      }
      const keyPath = isArray ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      pending.push({
        node: (node as Record<string, unknown>)[key],
        depth: depth + 1,
        path: keyPath,
      });
    }
  }
  return null;
}
