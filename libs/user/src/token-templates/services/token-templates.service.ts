import { randomUUID, type JsonWebKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { UserKitException } from '../../core/errors/user-kit.exception.js';
import type { ResolvedUserOptions } from '../../core/options/resolved-options.js';
import { STANDARD_ATTRIBUTE_NAMES } from '../../core/options/standard-attributes.js';
import {
  RESERVED_TOKEN_CLAIMS,
  type TokenTemplateUser,
} from '../options/token-template-options.js';
import type { ResolvedTokenTemplatesOptions } from '../options/user-token-templates-options.js';
import { TOKEN_TEMPLATES_OPTIONS } from '../tokens.js';
import { UsersRepository } from '../../core/repositories/users.repository.js';
import { USER_OPTIONS } from '../../core/tokens.js';
import { standardValueOf } from '../../core/services/profile-attributes.service.js';
import { primaryContacts } from '../../core/services/userinfo.service.js';

export interface IntegrationToken {
  jwt: string;
  expiresIn: number;
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

/**
 * Clerk's `getToken(template)`: short JWTs for other services, built from a template of the module
 * options and signed with the configured asymmetric key, so a service verifies them with the public
 * key at /.well-known/jwks.json and never holds a secret of ours.
 */
@Injectable()
export class TokenTemplatesService {
  private readonly jwt: JwtService | null;

  constructor(
    @Inject(USER_OPTIONS) private readonly userOptions: ResolvedUserOptions,
    @Inject(TOKEN_TEMPLATES_OPTIONS) private readonly options: ResolvedTokenTemplatesOptions,
    private readonly users: UsersRepository,
  ) {
    const key = options.signingKey;
    this.jwt = key
      ? new JwtService({
          privateKey: key.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
          signOptions: { algorithm: key.algorithm, keyid: key.keyId },
        })
      : null;
  }

  /** The public keys, for `/.well-known/jwks.json`. */
  jwks(): { keys: JsonWebKey[] } {
    const key = this.options.signingKey;
    return { keys: key ? [key.publicJwk] : [] };
  }

  async issue(userId: string, templateName: string): Promise<IntegrationToken> {
    const template = Object.hasOwn(this.options.templates, templateName)
      ? this.options.templates[templateName]
      : undefined;
    if (!template || !this.jwt)
      throw new UserKitException(
        'TOKEN_TEMPLATE_NOT_FOUND',
        `Unknown token template: ${templateName}`,
      );
    const user = await this.users.findFullById(userId);
    if (!user) throw new UserKitException('NOT_SIGNED_IN');
    const contacts = primaryContacts(user);
    const source: TokenTemplateUser = {
      id: user.id,
      email: contacts.email,
      emailVerified: contacts.emailVerified,
      phoneNumber: contacts.phoneNumber,
      phoneNumberVerified: contacts.phoneNumberVerified,
      displayName: user.displayName,
      roles: user.roles
        .getItems()
        .map((role) => role.name)
        .sort(),
      isAnonymous: user.isAnonymous,
      standardAttributes: Object.fromEntries(
        STANDARD_ATTRIBUTE_NAMES.map((name) => [name, standardValueOf(user, name)]),
      ),
      customAttributes: { ...(user.customAttributes ?? {}) },
      publicMetadata: { ...(user.publicMetadata ?? {}) },
    };
    const mapped =
      typeof template.claims === 'function'
        ? template.claims(source)
        : Object.fromEntries(
            Object.entries(template.claims).map(([claim, path]) => [claim, valueAt(source, path)]),
          );
    const claims: Record<string, unknown> = {};
    for (const [claim, value] of Object.entries(mapped ?? {})) {
      // Unset values are left out, as OIDC does; reserved claims are ours to set.
      if (value !== undefined && !RESERVED_TOKEN_CLAIMS.includes(claim)) claims[claim] = value;
    }
    const jwt = await this.jwt.signAsync(claims, {
      subject: user.id,
      issuer: this.userOptions.tokenIssuer,
      expiresIn: template.lifetimeSeconds,
      jwtid: randomUUID(),
      ...(template.audience !== undefined ? { audience: template.audience } : {}),
    });
    return { jwt, expiresIn: template.lifetimeSeconds };
  }
}
