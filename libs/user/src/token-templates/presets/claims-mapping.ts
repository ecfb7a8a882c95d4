import type { TokenClaimsMapping, TokenTemplateUser } from '../options/token-template-options.js';

const CLAIM_PATH = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;

/** Checks a mapping of claims at start; `nameProblem` says which names the preset forbids. */
export function checkClaimsMapping(
  prefix: string,
  mapping: TokenClaimsMapping | undefined,
  problems: string[],
  nameProblem: (name: string) => string | null,
  required: boolean,
): void {
  if (mapping === undefined && !required) return;
  if (typeof mapping === 'function') return;
  if (mapping === null || typeof mapping !== 'object') {
    problems.push(`${prefix}.claims must be an object of paths or a function`);
    return;
  }
  for (const [claim, path] of Object.entries(mapping)) {
    const problem = nameProblem(claim);
    if (problem) problems.push(`${prefix}.claims: "${claim}" ${problem}`);
    if (typeof path !== 'string' || !CLAIM_PATH.test(path))
      problems.push(`${prefix}.claims.${claim} must be a field path like "email"`);
  }
}

/** Names a mapping of paths sets (a function's names are known only when it runs). */
export function mappedNames(mapping: TokenClaimsMapping | undefined): string[] {
  return mapping && typeof mapping === 'object' ? Object.keys(mapping) : [];
}

function valueAt(source: unknown, path: string): unknown {
  let current: unknown = source;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, part))
      return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** The claims of a mapping for this user; unset values are left out, as OIDC does. */
export function mapClaims(
  mapping: TokenClaimsMapping | undefined,
  user: TokenTemplateUser,
): Record<string, unknown> {
  if (mapping === undefined) return {};
  const mapped =
    typeof mapping === 'function'
      ? mapping(user)
      : Object.fromEntries(
          Object.entries(mapping).map(([claim, path]) => [claim, valueAt(user, path)]),
        );
  const claims: Record<string, unknown> = {};
  for (const [claim, value] of Object.entries(mapped ?? {}))
    if (value !== undefined) claims[claim] = value;
  return claims;
}

/** Template claims first, then the caller's where the template set nothing (the template wins). */
export function withCallerClaims(
  own: Record<string, unknown>,
  caller: Record<string, unknown>,
  forbidden: readonly string[],
): Record<string, unknown> {
  const claims = { ...own };
  for (const [name, value] of Object.entries(caller))
    if (!Object.hasOwn(claims, name) && !forbidden.includes(name)) claims[name] = value;
  for (const name of forbidden) delete claims[name];
  return claims;
}
