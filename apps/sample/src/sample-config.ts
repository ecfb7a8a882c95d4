import type { JsonWebKey } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { IdentifierSettings } from '@userkit/user';
import type { OAuthProviderOptions } from '@userkit/user/oauth';
import { readOAuthProviders } from './oauth-provider-config.js';
import { DEFAULT_TOKEN_SIGNING_KEY_FILE, parseTokenSigningKey } from './token-signing-key.js';

/** Everything the sample app reads from the environment (API.md, "Sample app environment"). */
export interface SampleConfig {
  port: number;
  databaseUrl: string | undefined;
  jwtSecret: string;
  adminEmail?: string;
  adminPassword?: string;
  publicUrl: string;
  redirectAllowList: string[];
  rateLimit: boolean;
  /** Express `trust proxy`: proxies whose X-Forwarded-For is believed (none by default). */
  trustedProxies: string[];
  /** Shared rate-limit counters for several instances. */
  redisUrl?: string;
  /** SESSION_VALIDATION: `database` (default) or `stateless` (UserModule's `sessionValidation`). */
  sessionValidation: 'database' | 'stateless';
  /** RATE_LIMIT_FAILURE: limited routes while Redis is down, `closed` (503) or `open` (memory). */
  rateLimitFailure: 'closed' | 'open';
  /** DATABASE_POOL_SIZE and DATABASE_POOL_TIMEOUT_MS (PostgreSQL): connections, and the wait for one. */
  databasePool: { size: number; timeoutMs: number };
  /** SHUTDOWN_READINESS_DELAY_MS and SHUTDOWN_GRACE_PERIOD_MS: GracefulShutdown's options. */
  shutdown: { readinessDelayMs: number; gracePeriodMs: number };
  anonymousSignUp: boolean;
  logDatabase: boolean;
  /** `smtp://…` / `smtps://…`: codes and reset links are mailed; unset, they are logged. */
  smtpUrl?: string;
  /** The From header of mailed messages. */
  smtpFrom: string;
  /** GOOGLE_* and GITHUB_* variables: a provider is on when its client id is set. */
  oauthProviders: Record<string, OAuthProviderOptions>;
  /** Where profile images go (UPLOADS_DIR, default ./data/uploads). */
  uploadsDirectory: string;
  /** The prebuilt pages at /account (UI=off turns them off). */
  ui: boolean;
  /** GLOBAL_PREFIX: `app.setGlobalPrefix()` of every route but the health checks (`api`, `api/v1`). */
  globalPrefix?: string;
  /** IDENTIFIERS: `email:required,username:optional,phone:optional`; unset, UserModule's default. */
  identifiers?: IdentifierSettings;
  /** REQUIRE_VERIFIED_EMAIL=on. */
  requireVerifiedEmail: boolean;
  /** TOKEN_SIGNING_KEY (PEM or private JWK): signs integration tokens, published in the JWKS. */
  tokenSigningKey?: string | JsonWebKey;
  /** TOKEN_SIGNING_KEY_FILE: the development key, generated there once without TOKEN_SIGNING_KEY. */
  tokenSigningKeyFile: string;
  /** NODE_ENV=production: no development fallbacks that write files (the signing key). */
  production: boolean;
  /** The audit log (UserAuditLogModule); AUDIT_LOG=off leaves it out. */
  auditLog: boolean;
  /** AUDIT_LOG_RETENTION_DAYS: days the records are kept (365), or `forever`. */
  auditLogRetentionDays: number | null;
  /** WEBHOOKS_ALLOW_PRIVATE_NETWORKS=on: webhook endpoints on loopback and private networks. */
  webhooksAllowPrivateNetworks: boolean;
  /** EMAIL_SIGN_IN=on: sign-in by a code mailed to a verified address (UserContactsModule). */
  emailSignIn: boolean;
  /** EMAIL_LINK_SIGN_IN=on: sign-in by a link mailed to a verified address (UserContactsModule). */
  emailLinkSignIn: boolean;
  /** PASSWORDLESS_SIGN_UP=on: the email code or link opens an account for an unknown address. */
  passwordlessSignUp: boolean;
}

const DEVELOPMENT_SECRET = 'userkit-sample-development-secret-change-me-0123456789';

export function readSampleConfig(env: NodeJS.ProcessEnv = process.env): SampleConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  let jwtSecret = env.JWT_SECRET;
  if (!jwtSecret) {
    new Logger('Sample').warn(
      'JWT_SECRET is not set: using a development secret. Never do this in production.',
    );
    jwtSecret = DEVELOPMENT_SECRET;
  }
  if ((env.ADMIN_EMAIL === undefined) !== (env.ADMIN_PASSWORD === undefined)) {
    throw new Error('ADMIN_EMAIL and ADMIN_PASSWORD go together: set both or neither');
  }
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
  return {
    port,
    databaseUrl: env.DATABASE_URL || undefined,
    jwtSecret,
    adminEmail: env.ADMIN_EMAIL,
    adminPassword: env.ADMIN_PASSWORD,
    publicUrl,
    redirectAllowList: (env.OAUTH_REDIRECT_ALLOWLIST ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
    rateLimit: env.RATE_LIMIT !== 'off',
    trustedProxies: (env.TRUSTED_PROXIES ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
    redisUrl: env.REDIS_URL || undefined,
    rateLimitFailure: rateLimitFailureFrom(env.RATE_LIMIT_FAILURE),
    sessionValidation: sessionValidationFrom(env.SESSION_VALIDATION),
    databasePool: {
      size: integerFrom(env, 'DATABASE_POOL_SIZE', 10, 1),
      timeoutMs: integerFrom(env, 'DATABASE_POOL_TIMEOUT_MS', 5000, 1),
    },
    shutdown: {
      readinessDelayMs: integerFrom(env, 'SHUTDOWN_READINESS_DELAY_MS', 5000, 0),
      gracePeriodMs: integerFrom(env, 'SHUTDOWN_GRACE_PERIOD_MS', 25_000, 1),
    },
    anonymousSignUp: env.ANONYMOUS_SIGNUP !== 'off',
    logDatabase: env.DATABASE_DEBUG === 'on',
    smtpUrl: smtpUrlFrom(env.SMTP_URL),
    smtpFrom: env.SMTP_FROM || 'Nest UserKit sample <no-reply@localhost>',
    oauthProviders: readOAuthProviders(env),
    uploadsDirectory: env.UPLOADS_DIR || './data/uploads',
    ui: env.UI !== 'off',
    globalPrefix: globalPrefixFrom(env.GLOBAL_PREFIX),
    identifiers: identifiersFrom(env.IDENTIFIERS),
    requireVerifiedEmail: env.REQUIRE_VERIFIED_EMAIL === 'on',
    tokenSigningKey: parseTokenSigningKey(env.TOKEN_SIGNING_KEY),
    tokenSigningKeyFile: env.TOKEN_SIGNING_KEY_FILE || DEFAULT_TOKEN_SIGNING_KEY_FILE,
    production: env.NODE_ENV === 'production',
    auditLog: env.AUDIT_LOG !== 'off',
    auditLogRetentionDays: retentionDaysFrom(env.AUDIT_LOG_RETENTION_DAYS),
    webhooksAllowPrivateNetworks: env.WEBHOOKS_ALLOW_PRIVATE_NETWORKS === 'on',
    emailSignIn: env.EMAIL_SIGN_IN === 'on',
    emailLinkSignIn: env.EMAIL_LINK_SIGN_IN === 'on',
    passwordlessSignUp: env.PASSWORDLESS_SIGN_UP === 'on',
  };
}

/** `email:required,username:optional,phone:off` → `{ email: 'required', ... }` (UserModule checks the rest). */
function identifiersFrom(value: string | undefined): IdentifierSettings | undefined {
  if (!value?.trim()) return undefined;
  const settings: Record<string, 'required' | 'optional' | false> = {};
  for (const entry of value.split(',')) {
    const [name, setting] = entry.split(':').map((part) => part.trim());
    if (
      !['email', 'username', 'phone'].includes(name) ||
      !['required', 'optional', 'off'].includes(setting)
    )
      throw new Error(
        `IDENTIFIERS must look like email:required,username:optional,phone:off, got "${value}"`,
      );
    settings[name] = setting === 'off' ? false : (setting as 'required' | 'optional');
  }
  return settings;
}

/** A whole number of days, `forever` (null), or unset (365). */
function retentionDaysFrom(value: string | undefined): number | null {
  if (value === undefined || value === '') return 365;
  if (value === 'forever') return null;
  if (!/^\d{1,5}$/.test(value) || Number(value) < 1)
    throw new Error(
      `AUDIT_LOG_RETENTION_DAYS must be a number of days or "forever", got "${value}"`,
    );
  return Number(value);
}

function rateLimitFailureFrom(value: string | undefined): 'closed' | 'open' {
  if (value === undefined || value === '' || value === 'closed') return 'closed';
  if (value === 'open') return 'open';
  throw new Error(`RATE_LIMIT_FAILURE must be closed or open, got "${value}"`);
}

function sessionValidationFrom(value: string | undefined): 'database' | 'stateless' {
  if (value === undefined || value === '' || value === 'database') return 'database';
  if (value === 'stateless') return 'stateless';
  throw new Error(`SESSION_VALIDATION must be database or stateless, got "${value}"`);
}

function integerFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min)
    throw new Error(`${name} must be an integer of at least ${min}, got "${value}"`);
  return number;
}

/** `/api/` → `api`; segments of letters, digits and `. _ ~ -` only (a literal Express path). */
function globalPrefixFrom(value: string | undefined): string | undefined {
  const prefix = (value ?? '').replace(/^\/+|\/+$/g, '');
  if (prefix === '') return undefined;
  if (!/^[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/.test(prefix))
    throw new Error(`GLOBAL_PREFIX must look like api or api/v1, got "${value}"`);
  return prefix;
}

function smtpUrlFrom(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (!/^smtps?:\/\//.test(value))
    throw new Error(`SMTP_URL must start with smtp:// or smtps://, got "${value}"`);
  return value;
}
