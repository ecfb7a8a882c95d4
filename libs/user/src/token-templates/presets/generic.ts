import {
  RESERVED_TOKEN_CLAIMS,
  type GenericTokenTemplate,
  type TokenTemplateUser,
} from '../options/token-template-options.js';
import { checkCallerClaimRules } from './caller-claims.js';
import { checkClaimsMapping, mapClaims, mappedNames, withCallerClaims } from './claims-mapping.js';

function reservedProblem(name: string): string | null {
  return RESERVED_TOKEN_CLAIMS.includes(name) ? 'is set by the library' : null;
}

export function checkGenericTemplate(
  prefix: string,
  template: GenericTokenTemplate,
  problems: string[],
): void {
  checkClaimsMapping(prefix, template.claims, problems, reservedProblem, true);
  const mapped = mappedNames(template.claims);
  checkCallerClaimRules(prefix, template.callerClaims, problems, (name) =>
    mapped.includes(name) ? 'is set by the template' : reservedProblem(name),
  );
}

/** The template's claims, then the caller's; the registered ones are the library's to set. */
export function genericClaims(
  template: GenericTokenTemplate,
  user: TokenTemplateUser,
  caller: Record<string, unknown>,
): Record<string, unknown> {
  return withCallerClaims(mapClaims(template.claims, user), caller, RESERVED_TOKEN_CLAIMS);
}
