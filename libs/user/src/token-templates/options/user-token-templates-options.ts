import type { JsonWebKey } from 'node:crypto';
import { resolveFirebaseTemplate, FIREBASE_MAX_LIFETIME_SECONDS } from '../presets/firebase.js';
import type { FirebaseSigner } from '../presets/firebase.js';
import { checkGenericTemplate } from '../presets/generic.js';
import { checkHasuraTemplate } from '../presets/hasura.js';
import { resolveSigningKey, type SigningKey } from './resolve-signing-key.js';
import type { TokenTemplate } from './token-template-options.js';

/** Options of `UserTokenTemplatesModule.forRoot()`. */
export interface UserTokenTemplatesOptions {
  /** JWT templates served by `GET /me/tokens/:template` (Clerk's `getToken(template)`). */
  templates?: Record<string, TokenTemplate>;
  /**
   * Private key (PEM or JWK; RSA ≥ 2048 or EC P-256) signing the generic and hasura templates'
   * tokens, published at /.well-known/jwks.json; required with such templates.
   */
  signingKey?: string | JsonWebKey;
  /** `kid` of that key. Default: its RFC 7638 thumbprint. */
  signingKeyId?: string;
}

/** A template after defaults and checks. */
export type ResolvedTokenTemplate = TokenTemplate & {
  preset: NonNullable<TokenTemplate['preset']>;
  lifetimeSeconds: number;
  /** The firebase preset's own signer (its tokens are not ours: no JWKS entry). */
  firebaseSigner?: FirebaseSigner;
};

/** The options after defaults and checks: what the service reads. */
export interface ResolvedTokenTemplatesOptions {
  templates: Record<string, ResolvedTokenTemplate>;
  /** Null without a key: the JWKS is empty and only firebase templates can be issued. */
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

function resolveTemplate(
  name: string,
  template: TokenTemplate,
  problems: string[],
): ResolvedTokenTemplate | null {
  const prefix = `templates.${name}`;
  if (template === null || typeof template !== 'object') {
    problems.push(`${prefix} must be a template object`);
    return null;
  }
  const preset = template.preset ?? 'generic';
  const maxLifetime = preset === 'firebase' ? FIREBASE_MAX_LIFETIME_SECONDS : 86_400;
  const lifetimeSeconds = template.lifetimeSeconds ?? (preset === 'firebase' ? 3600 : 60);
  if (!Number.isInteger(lifetimeSeconds) || lifetimeSeconds < 1 || lifetimeSeconds > maxLifetime)
    problems.push(`${prefix}.lifetimeSeconds must be an integer from 1 to ${maxLifetime}`);
  switch (template.preset) {
    case undefined:
    case 'generic':
      checkGenericTemplate(prefix, template, problems);
      return { ...template, preset: 'generic', lifetimeSeconds };
    case 'hasura':
      checkHasuraTemplate(prefix, template, problems);
      return { ...template, preset: 'hasura', lifetimeSeconds };
    case 'firebase': {
      const firebaseSigner = resolveFirebaseTemplate(prefix, template, problems);
      return firebaseSigner ? { ...template, lifetimeSeconds, firebaseSigner } : null;
    }
    default:
      problems.push(`${prefix}.preset must be generic, hasura or firebase`);
      return null;
  }
}

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
    const resolved = resolveTemplate(name, template, problems);
    if (resolved) templates[name] = resolved;
  }

  // No generated fallback: each instance would sign with its own key and publish its own JWKS.
  let signingKey: SigningKey | null = null;
  if (options.signingKey !== undefined) {
    signingKey = resolveSigningKey(options.signingKey, options.signingKeyId, problems);
  } else if (Object.values(templates).some((template) => template.preset !== 'firebase')) {
    problems.push(
      'signingKey is required with generic and hasura templates (every instance must sign with the same key)',
    );
  }
  if (problems.length > 0) throw new UserTokenTemplatesOptionsError(problems);
  return { templates, signingKey };
}
