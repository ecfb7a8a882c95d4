import type { DynamicModule } from '@nestjs/common';
import type { UserModuleOptions } from '@userkit/user';
import { UserAuditLogModule, type UserAuditLogModuleOptions } from '@userkit/user/audit-log';
import { UserContactsModule } from '@userkit/user/contacts';
import {
  UserOAuthModule,
  type OAuthProfileMapper,
  type OAuthProviderOptions,
} from '@userkit/user/oauth';
import {
  UserOrganizationsModule,
  type UserOrganizationsModuleOptions,
} from '@userkit/user/organizations';
import { UserPagesModule } from '@userkit/user/pages';
import { UserPasskeysModule, type UserPasskeysModuleOptions } from '@userkit/user/passkeys';
import {
  UserProfileImagesModule,
  type UserProfileImagesOptions,
} from '@userkit/user/profile-images';
import {
  UserTokenTemplatesModule,
  type UserTokenTemplatesOptions,
} from '@userkit/user/token-templates';
import { UserTwoFactorModule } from '@userkit/user/two-factor';
import { UserWebhooksModule, type UserWebhooksModuleOptions } from '@userkit/user/webhooks';
import type { SampleConfig } from './sample-config.js';
import { DEMO_TOKEN_TEMPLATE, sampleTokenSigningKey } from './token-signing-key.js';

/** Where the sample serves the prebuilt pages (UserPagesModule). */
export const SAMPLE_UI_PATH = '/account';

/**
 * The sample's organization roles: `editor` may write projects (the sample's
 * `/organizations/:orgId/hello/editor` asks for `projects:write`), and so may `admin`.
 */
export const SAMPLE_ORGANIZATION_ROLES: Record<string, string[]> = {
  editor: ['projects:write'],
  billing: ['invoices:read'],
  admin: ['projects:write'],
};

/** UserOAuthModule's options as flat overrides (`oauth…` where the bare name would be vague). */
export interface SampleOAuthOverrides {
  providers?: Record<string, OAuthProviderOptions>;
  redirectAllowList?: string[];
  oauthTimeoutSeconds?: number;
  oauthProfileMapper?: OAuthProfileMapper;
}

/** The feature modules' options as flat overrides, named as UserModule 0.1.0 named them. */
export interface SampleFeatureOverrides extends SampleOAuthOverrides {
  /** UserTwoFactorModule's `issuer`. */
  twoFactorIssuer?: string;
  /** UserTokenTemplatesModule's `templates`, `signingKey` and `signingKeyId`. */
  tokenTemplates?: UserTokenTemplatesOptions['templates'];
  tokenSigningKey?: UserTokenTemplatesOptions['signingKey'];
  tokenSigningKeyId?: UserTokenTemplatesOptions['signingKeyId'];
  /** UserProfileImagesModule's `fileStorage` and `directory` (default UPLOADS_DIR). */
  fileStorage?: UserProfileImagesOptions['fileStorage'];
  profileImageDirectory?: UserProfileImagesOptions['directory'];
  /** UserAuditLogModule's `retentionDays` (default AUDIT_LOG_RETENTION_DAYS) and `prune`. */
  auditLogRetentionDays?: UserAuditLogModuleOptions['retentionDays'];
  auditLogPrune?: UserAuditLogModuleOptions['prune'];
  /** UserWebhooksModule's `endpoints`, `allowPrivateNetworks` (default WEBHOOKS_ALLOW_PRIVATE_NETWORKS), `retrySchedule` and `timeoutSeconds`. */
  webhookEndpoints?: UserWebhooksModuleOptions['endpoints'];
  webhooksAllowPrivateNetworks?: boolean;
  webhookRetrySchedule?: UserWebhooksModuleOptions['retrySchedule'];
  webhookTimeoutSeconds?: UserWebhooksModuleOptions['timeoutSeconds'];
  /** UserOrganizationsModule's `roles` (default SAMPLE_ORGANIZATION_ROLES). */
  organizationRoles?: UserOrganizationsModuleOptions['roles'];
  /** UserOrganizationsModule's `invitationUrl`. */
  organizationInvitationUrl?: UserOrganizationsModuleOptions['invitationUrl'];
  /** UserOrganizationsModule's `maxOrganizationsPerUser` and `maxMembersPerOrganization`. */
  maxOrganizationsPerUser?: UserOrganizationsModuleOptions['maxOrganizationsPerUser'];
  maxMembersPerOrganization?: UserOrganizationsModuleOptions['maxMembersPerOrganization'];
  /** UserPasskeysModule's `rpID` and `origins` (default: from PUBLIC_URL). */
  passkeyRpID?: UserPasskeysModuleOptions['rpID'];
  passkeyOrigins?: UserPasskeysModuleOptions['origins'];
  /** UserContactsModule's `emailSignIn` (default EMAIL_SIGN_IN). */
  emailSignIn?: boolean;
  /** UserContactsModule's `emailLinkSignIn` (default EMAIL_LINK_SIGN_IN). */
  emailLinkSignIn?: boolean;
  /** UserContactsModule's `passwordless.signUp` (default PASSWORDLESS_SIGN_UP). */
  passwordlessSignUp?: boolean;
}

/**
 * Options a test (or another host built on the sample) puts over the environment's: the core's
 * and every feature module's, in one flat object; each module takes its own keys.
 */
export type SampleOverrides = Partial<UserModuleOptions> & SampleFeatureOverrides;

/** Every key of SampleFeatureOverrides (the compiler checks none is missing). */
const FEATURE_OVERRIDE_KEYS: Record<keyof SampleFeatureOverrides, true> = {
  providers: true,
  redirectAllowList: true,
  oauthTimeoutSeconds: true,
  oauthProfileMapper: true,
  twoFactorIssuer: true,
  tokenTemplates: true,
  tokenSigningKey: true,
  tokenSigningKeyId: true,
  fileStorage: true,
  profileImageDirectory: true,
  auditLogRetentionDays: true,
  auditLogPrune: true,
  webhookEndpoints: true,
  webhooksAllowPrivateNetworks: true,
  webhookRetrySchedule: true,
  webhookTimeoutSeconds: true,
  organizationRoles: true,
  organizationInvitationUrl: true,
  maxOrganizationsPerUser: true,
  maxMembersPerOrganization: true,
  passkeyRpID: true,
  passkeyOrigins: true,
  emailSignIn: true,
  emailLinkSignIn: true,
  passwordlessSignUp: true,
};

/**
 * Splits the flat overrides: UserModule gets only the core's keys (it refuses an option that moved
 * to a feature module), the feature modules the rest. A key given as undefined stays given.
 */
export function splitOverrides(overrides: SampleOverrides): {
  core: Partial<UserModuleOptions>;
  features: SampleFeatureOverrides;
} {
  const core: Record<string, unknown> = {};
  const features: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(overrides)) {
    (Object.hasOwn(FEATURE_OVERRIDE_KEYS, key) ? features : core)[key] = value;
  }
  return { core: core as Partial<UserModuleOptions>, features: features as SampleFeatureOverrides };
}

function tokenTemplatesModule(
  config: SampleConfig,
  overrides: SampleFeatureOverrides,
): DynamicModule {
  const signingKey =
    'tokenSigningKey' in overrides ? overrides.tokenSigningKey : sampleTokenSigningKey(config);
  return UserTokenTemplatesModule.forRoot({
    templates: overrides.tokenTemplates ?? (signingKey ? { demo: DEMO_TOKEN_TEMPLATE } : {}),
    signingKey,
    signingKeyId: overrides.tokenSigningKeyId,
  });
}

/** Every feature module of @userkit/user: the sample shows them all. */
export function featureModules(
  config: SampleConfig,
  overrides: SampleFeatureOverrides,
): DynamicModule[] {
  return [
    // TOTP and backup codes (/me/2fa/*, /auth/login/2fa); the issuer defaults to tokenIssuer.
    UserTwoFactorModule.forRoot({ issuer: overrides.twoFactorIssuer }),
    // OAuth sign-in and linking with the GOOGLE_* / GITHUB_* providers; with the pages on, it
    // allows the round trip back to them (`?code=`) too, under GLOBAL_PREFIX when it is set.
    UserOAuthModule.forRoot({
      providers: overrides.providers ?? config.oauthProviders,
      redirectAllowList: overrides.redirectAllowList ?? config.redirectAllowList,
      timeoutSeconds: overrides.oauthTimeoutSeconds,
      profileMapper: overrides.oauthProfileMapper,
    }),
    // /me/emails and /me/phones: more addresses and numbers, verified by code; sign-in by a code
    // (EMAIL_SIGN_IN=on) or a link (EMAIL_LINK_SIGN_IN=on) mailed to a verified address, and
    // sign-up through them (PASSWORDLESS_SIGN_UP=on).
    UserContactsModule.forRoot({
      emailSignIn: overrides.emailSignIn ?? config.emailSignIn,
      emailLinkSignIn: overrides.emailLinkSignIn ?? config.emailLinkSignIn,
      passwordless: { signUp: overrides.passwordlessSignUp ?? config.passwordlessSignUp },
    }),
    // PUT /me/profile-image, GET /profile-images/:id. An override of the directory, even to
    // undefined (the default private temp folder), replaces UPLOADS_DIR.
    UserProfileImagesModule.forRoot({
      fileStorage: overrides.fileStorage,
      directory:
        'profileImageDirectory' in overrides
          ? overrides.profileImageDirectory
          : config.uploadsDirectory,
    }),
    // GET /me/tokens/:template and /.well-known/jwks.json: TOKEN_SIGNING_KEY (in development a
    // key generated once under ./data/) and the `demo` template; no key, no templates.
    tokenTemplatesModule(config, overrides),
    // GET /admin/audit-log and /me/security-activity: a record of each security event.
    ...(config.auditLog
      ? [
          UserAuditLogModule.forRoot({
            retentionDays:
              'auditLogRetentionDays' in overrides
                ? overrides.auditLogRetentionDays
                : config.auditLogRetentionDays,
            prune: overrides.auditLogPrune,
          }),
        ]
      : []),
    // Signed webhooks from the outbox (/admin/webhooks); loopback endpoints with
    // WEBHOOKS_ALLOW_PRIVATE_NETWORKS=on (development and tests).
    UserWebhooksModule.forRoot({
      endpoints: overrides.webhookEndpoints,
      allowPrivateNetworks:
        overrides.webhooksAllowPrivateNetworks ?? config.webhooksAllowPrivateNetworks,
      retrySchedule: overrides.webhookRetrySchedule,
      timeoutSeconds: overrides.webhookTimeoutSeconds,
    }),
    // /organizations, /me/organizations and the guards of the sample's organization routes.
    UserOrganizationsModule.forRoot({
      roles: overrides.organizationRoles ?? SAMPLE_ORGANIZATION_ROLES,
      invitationUrl: overrides.organizationInvitationUrl,
      maxOrganizationsPerUser: overrides.maxOrganizationsPerUser,
      maxMembersPerOrganization: overrides.maxMembersPerOrganization,
    }),
    // Passkeys (/me/passkeys, /auth/passkey): RP ID and origin from PUBLIC_URL.
    UserPasskeysModule.forRoot({
      rpID: overrides.passkeyRpID,
      origins: overrides.passkeyOrigins,
    }),
    // The prebuilt pages at /account (sign-in, sign-up, profile, admin console).
    ...(config.ui ? [UserPagesModule.forRoot({ path: SAMPLE_UI_PATH })] : []),
  ];
}
