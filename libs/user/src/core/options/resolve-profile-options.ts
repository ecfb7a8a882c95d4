import type { JsonWebKey } from 'node:crypto';
import { ATTRIBUTE_PARTIES, isAccessLevel, type AttributeAccess } from './attribute-access.js';
import { resolveSigningKey, type SigningKey } from './resolve-signing-key.js';
import {
  DEFAULT_STANDARD_ATTRIBUTE_ACCESS,
  isStandardAttributeName,
  STANDARD_ATTRIBUTE_NAMES,
  type StandardAttributeName,
} from './standard-attributes.js';
import {
  RESERVED_TOKEN_CLAIMS,
  type TokenTemplate,
} from '../../token-templates/options/token-template-options.js';

export interface ProfileOptionsInput {
  standardAttributeAccess?: Partial<Record<StandardAttributeName, Partial<AttributeAccess>>>;
  tokenTemplates?: Record<string, TokenTemplate>;
  tokenSigningKey?: string | JsonWebKey;
  tokenSigningKeyId?: string;
}

export interface ResolvedProfileOptions {
  standardAttributeAccess: Record<StandardAttributeName, AttributeAccess>;
  tokenTemplates: Record<string, Required<Pick<TokenTemplate, 'lifetimeSeconds'>> & TokenTemplate>;
  tokenSigningKey: SigningKey | null;
}

const TEMPLATE_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const CLAIM_PATH = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;

/** Attribute access, token templates and their signing key; problems are added to the list. */
export function resolveProfileOptions(
  options: ProfileOptionsInput,
  problems: string[],
): ResolvedProfileOptions {
  const standardAttributeAccess = { ...DEFAULT_STANDARD_ATTRIBUTE_ACCESS };
  for (const [name, access] of Object.entries(options.standardAttributeAccess ?? {})) {
    if (!isStandardAttributeName(name)) {
      problems.push(
        `standardAttributeAccess: "${name}" is not one of ${STANDARD_ATTRIBUTE_NAMES.join(', ')}`,
      );
      continue;
    }
    const merged = { ...standardAttributeAccess[name] };
    for (const [party, level] of Object.entries(access ?? {})) {
      if (!(ATTRIBUTE_PARTIES as readonly string[]).includes(party) || !isAccessLevel(level)) {
        problems.push(
          `standardAttributeAccess.${name}.${party} must be "hidden", "readonly" or "editable" for admin, bearer or endUser`,
        );
        continue;
      }
      merged[party as keyof AttributeAccess] = level;
    }
    standardAttributeAccess[name] = merged;
  }

  const tokenTemplates: ResolvedProfileOptions['tokenTemplates'] = {};
  for (const [name, template] of Object.entries(options.tokenTemplates ?? {})) {
    if (!TEMPLATE_NAME.test(name)) {
      problems.push(`tokenTemplates: name "${name}" must match ${TEMPLATE_NAME}`);
      continue;
    }
    const lifetimeSeconds = template?.lifetimeSeconds ?? 60;
    if (!Number.isInteger(lifetimeSeconds) || lifetimeSeconds < 1 || lifetimeSeconds > 86_400)
      problems.push(`tokenTemplates.${name}.lifetimeSeconds must be an integer from 1 to 86400`);
    if (typeof template?.claims === 'object' && template.claims !== null) {
      for (const [claim, path] of Object.entries(template.claims)) {
        if (RESERVED_TOKEN_CLAIMS.includes(claim))
          problems.push(`tokenTemplates.${name}.claims: "${claim}" is set by the library`);
        if (typeof path !== 'string' || !CLAIM_PATH.test(path))
          problems.push(`tokenTemplates.${name}.claims.${claim} must be a field path like "email"`);
      }
    } else if (typeof template?.claims !== 'function') {
      problems.push(`tokenTemplates.${name}.claims must be an object of paths or a function`);
    }
    tokenTemplates[name] = { ...template, lifetimeSeconds };
  }

  // No generated fallback: each instance would sign with its own key and publish its own JWKS.
  let tokenSigningKey: SigningKey | null = null;
  if (options.tokenSigningKey !== undefined) {
    tokenSigningKey = resolveSigningKey(
      options.tokenSigningKey,
      options.tokenSigningKeyId,
      problems,
    );
  } else if (Object.keys(tokenTemplates).length > 0) {
    problems.push(
      'tokenSigningKey is required with tokenTemplates (every instance must sign with the same key)',
    );
  }
  return { standardAttributeAccess, tokenTemplates, tokenSigningKey };
}
