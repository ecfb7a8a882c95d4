import type { JsonWebKey } from 'node:crypto';
import { resolveSigningKey, type SigningKey } from './resolve-signing-key.js';
import { RESERVED_TOKEN_CLAIMS, type TokenTemplate } from './token-template-options.js';

/** Options of `UserTokenTemplatesModule.forRoot()`. */
export interface UserTokenTemplatesOptions {
  /** JWT templates served by `GET /me/tokens/:template` (Clerk's `getToken(template)`). */
  templates?: Record<string, TokenTemplate>;
  /** Private key (PEM or JWK; RSA ≥ 2048 or EC P-256) signing template tokens; required with templates. */
  signingKey?: string | JsonWebKey;
  /** `kid` of that key. Default: its RFC 7638 thumbprint. */
  signingKeyId?: string;
}

/** The options after defaults and checks: what the service reads. */
export interface ResolvedTokenTemplatesOptions {
  templates: Record<string, Required<Pick<TokenTemplate, 'lifetimeSeconds'>> & TokenTemplate>;
  /** Null without a key: the JWKS is empty and no template can be issued. */
  signingKey: SigningKey | null;
}

/** Thrown by `forRoot` itself, so a misconfigured host fails at once with a readable message. */
export class UserTokenTemplatesOptionsError extends Error {
  constructor(problems: string[]) {
    super(`Invalid UserTokenTemplatesModule options:\n - ${problems.join('\n - ')}`);
    this.name = 'UserTokenTemplatesOptionsError';
  }
}

const TEMPLATE_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const CLAIM_PATH = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;

/** Applies defaults and checks every template and the key; throws one error listing all problems. */
export function resolveTokenTemplatesOptions(
  options: UserTokenTemplatesOptions = {},
): ResolvedTokenTemplatesOptions {
  const problems: string[] = [];
  const templates: ResolvedTokenTemplatesOptions['templates'] = {};
  for (const [name, template] of Object.entries(options.templates ?? {})) {
    if (!TEMPLATE_NAME.test(name)) {
      problems.push(`templates: name "${name}" must match ${TEMPLATE_NAME}`);
      continue;
    }
    const lifetimeSeconds = template?.lifetimeSeconds ?? 60;
    if (!Number.isInteger(lifetimeSeconds) || lifetimeSeconds < 1 || lifetimeSeconds > 86_400)
      problems.push(`templates.${name}.lifetimeSeconds must be an integer from 1 to 86400`);
    if (typeof template?.claims === 'object' && template.claims !== null) {
      for (const [claim, path] of Object.entries(template.claims)) {
        if (RESERVED_TOKEN_CLAIMS.includes(claim))
          problems.push(`templates.${name}.claims: "${claim}" is set by the library`);
        if (typeof path !== 'string' || !CLAIM_PATH.test(path))
          problems.push(`templates.${name}.claims.${claim} must be a field path like "email"`);
      }
    } else if (typeof template?.claims !== 'function') {
      problems.push(`templates.${name}.claims must be an object of paths or a function`);
    }
    templates[name] = { ...template, lifetimeSeconds };
  }

  // No generated fallback: each instance would sign with its own key and publish its own JWKS.
  let signingKey: SigningKey | null = null;
  if (options.signingKey !== undefined) {
    signingKey = resolveSigningKey(options.signingKey, options.signingKeyId, problems);
  } else if (Object.keys(templates).length > 0) {
    problems.push(
      'signingKey is required with templates (every instance must sign with the same key)',
    );
  }
  if (problems.length > 0) throw new UserTokenTemplatesOptionsError(problems);
  return { templates, signingKey };
}
