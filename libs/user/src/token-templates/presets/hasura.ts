import { UserKitException } from '../../core/errors/user-kit.exception.js';
import type { HasuraTokenTemplate, TokenTemplateUser } from '../options/token-template-options.js';
import { checkCallerClaimRules } from './caller-claims.js';
import { checkClaimsMapping, mapClaims, mappedNames, withCallerClaims } from './claims-mapping.js';

/** Where Hasura reads its session variables (its default `claims_namespace`). */
export const HASURA_CLAIMS_NAMESPACE = 'https://hasura.io/jwt/claims';
const HASURA_OWN = ['x-hasura-default-role', 'x-hasura-allowed-roles', 'x-hasura-user-id'];
const SESSION_VARIABLE = /^x-hasura-[a-z0-9-]+$/;

function sessionVariableProblem(name: string): string | null {
  if (HASURA_OWN.includes(name)) return 'is set by the hasura preset';
  return SESSION_VARIABLE.test(name) ? null : 'must be a session variable like x-hasura-org-id';
}

export function checkHasuraTemplate(
  prefix: string,
  template: HasuraTokenTemplate,
  problems: string[],
): void {
  if (template.defaultRole !== undefined && typeof template.defaultRole !== 'string')
    problems.push(`${prefix}.defaultRole must be a role name`);
  checkClaimsMapping(prefix, template.claims, problems, sessionVariableProblem, false);
  const mapped = mappedNames(template.claims);
  checkCallerClaimRules(prefix, template.callerClaims, problems, (name) =>
    mapped.includes(name) ? 'is set by the template' : sessionVariableProblem(name),
  );
}

/** Hasura compares session variables as text: scalars become strings, lists Postgres arrays. */
function sessionValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string'))
    return `{${value.map((item) => `"${item.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
  return undefined;
}

/** The namespace of session variables: the user's roles, id, and the template's variables. */
export function hasuraClaims(
  template: HasuraTokenTemplate,
  user: TokenTemplateUser,
  caller: Record<string, unknown>,
): Record<string, unknown> {
  if (user.roles.length === 0)
    throw new UserKitException(
      'TOKEN_TEMPLATE_NOT_APPLICABLE',
      'The hasura template needs a user with at least one role',
    );
  const preferred = template.defaultRole ?? 'user';
  const variables: Record<string, unknown> = {};
  const extra = withCallerClaims(mapClaims(template.claims, user), caller, HASURA_OWN);
  for (const [name, value] of Object.entries(extra)) {
    const text = SESSION_VARIABLE.test(name) ? sessionValue(value) : undefined;
    if (text !== undefined) variables[name] = text;
  }
  return {
    [HASURA_CLAIMS_NAMESPACE]: {
      ...variables,
      'x-hasura-default-role': user.roles.includes(preferred) ? preferred : user.roles[0],
      'x-hasura-allowed-roles': user.roles,
      'x-hasura-user-id': user.id,
    },
  };
}
