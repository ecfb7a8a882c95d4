import { randomUUID, type JsonWebKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { UserKitException } from '../../core/errors/user-kit.exception.js';
import type { ResolvedUserOptions } from '../../core/options/resolved-options.js';
import { STANDARD_ATTRIBUTE_NAMES } from '../../core/options/standard-attributes.js';
import type { TokenTemplateUser } from '../options/token-template-options.js';
import type {
  ResolvedTokenTemplate,
  ResolvedTokenTemplatesOptions,
} from '../options/user-token-templates-options.js';
import { readCallerClaims } from '../presets/caller-claims.js';
import { FIREBASE_AUDIENCE, firebaseClaims } from '../presets/firebase.js';
import { genericClaims } from '../presets/generic.js';
import { hasuraClaims } from '../presets/hasura.js';
import { TOKEN_TEMPLATES_OPTIONS } from '../tokens.js';
import { UsersRepository } from '../../core/repositories/users.repository.js';
import { USER_OPTIONS } from '../../core/tokens.js';
import { standardValueOf } from '../../core/services/profile-attributes.service.js';
import { UserFeatureListeners } from '../../core/services/user-feature-listeners.js';
import { primaryContacts } from '../../core/services/userinfo.service.js';

export interface IntegrationToken {
  jwt: string;
  expiresIn: number;
}

export interface IssueTokenOptions {
  /**
   * Extra claims for this one token, as the JSON text of an object (the `claims` query parameter):
   * only those the template's `callerClaims` allow, each checked against its rule.
   */
  claims?: string;
  /** The session asking: its active organization fills `org.*` (none without it). */
  sessionId?: string;
}

/**
 * Clerk's `getToken(template)`: short JWTs for other services, built from a template of the module
 * options. Generic and hasura tokens are signed with the configured key, so a service verifies
 * them with the public key at /.well-known/jwks.json and never holds a secret of ours; firebase
 * tokens with the template's service account, as Firebase wants them.
 */
@Injectable()
export class TokenTemplatesService {
  private readonly jwt: JwtService | null;
  private readonly firebaseJwt = new Map<string, JwtService>();

  constructor(
    @Inject(USER_OPTIONS) private readonly userOptions: ResolvedUserOptions,
    @Inject(TOKEN_TEMPLATES_OPTIONS) private readonly options: ResolvedTokenTemplatesOptions,
    private readonly users: UsersRepository,
    private readonly features: UserFeatureListeners,
  ) {
    const key = options.signingKey;
    this.jwt = key
      ? new JwtService({
          privateKey: key.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
          signOptions: { algorithm: key.algorithm, keyid: key.keyId },
        })
      : null;
    for (const [name, template] of Object.entries(options.templates)) {
      const signer = template.firebaseSigner;
      if (!signer) continue;
      this.firebaseJwt.set(
        name,
        new JwtService({
          privateKey: signer.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
          signOptions: {
            algorithm: 'RS256',
            ...(signer.keyId !== undefined ? { keyid: signer.keyId } : {}),
          },
        }),
      );
    }
  }

  /** The public keys, for `/.well-known/jwks.json`. */
  jwks(): { keys: JsonWebKey[] } {
    const key = this.options.signingKey;
    return { keys: key ? [key.publicJwk] : [] };
  }

  async issue(
    userId: string,
    templateName: string,
    options: IssueTokenOptions = {},
  ): Promise<IntegrationToken> {
    const template = Object.hasOwn(this.options.templates, templateName)
      ? this.options.templates[templateName]
      : undefined;
    if (!template)
      throw new UserKitException(
        'TOKEN_TEMPLATE_NOT_FOUND',
        `Unknown token template: ${templateName}`,
      );
    const user = await this.templateUser(userId, options.sessionId);
    const caller = readCallerClaims(options.claims, template.callerClaims, user);
    const jwt = await this.sign(templateName, template, user, caller);
    return { jwt, expiresIn: template.lifetimeSeconds };
  }

  private sign(
    name: string,
    template: ResolvedTokenTemplate,
    user: TokenTemplateUser,
    caller: Record<string, unknown>,
  ): Promise<string> {
    if (template.preset === 'firebase') {
      const email = template.firebaseSigner!.clientEmail;
      return this.firebaseJwt.get(name)!.signAsync(firebaseClaims(template, user, caller), {
        issuer: email,
        subject: email,
        audience: FIREBASE_AUDIENCE,
        expiresIn: template.lifetimeSeconds,
      });
    }
    const claims =
      template.preset === 'hasura'
        ? hasuraClaims(template, user, caller)
        : genericClaims(template, user, caller);
    // A template without signingKey is refused when the options are read.
    return this.jwt!.signAsync(claims, {
      subject: user.id,
      issuer: this.userOptions.tokenIssuer,
      expiresIn: template.lifetimeSeconds,
      jwtid: randomUUID(),
      ...(template.audience !== undefined ? { audience: template.audience } : {}),
    });
  }

  private async templateUser(userId: string, sessionId?: string): Promise<TokenTemplateUser> {
    const user = await this.users.findFullById(userId);
    if (!user) throw new UserKitException('NOT_SIGNED_IN');
    const org =
      sessionId === undefined ? null : await this.features.activeOrganization(sessionId, userId);
    const contacts = primaryContacts(user);
    return {
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
      org: org && { id: org.id, slug: org.slug, role: org.role },
    };
  }
}
