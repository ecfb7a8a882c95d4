import type { LegacyUserStore } from '../extension-points/legacy-user-store.js';
import type { PasswordHasher } from '../extension-points/password-hasher.js';
import type { FirebaseScryptParameters } from '../services/imported-hashes/firebase-scrypt.js';
import type { UserLifecycleHooks } from '../extension-points/user-lifecycle-hooks.js';
import type { RateLimitStorage } from '../extension-points/rate-limit-storage.js';
import type { MessageSender } from '../extension-points/message-sender.js';
import type { SessionRevocationBroadcast } from '../extension-points/session-revocation-broadcast.js';
import type { RateLimitName, RateLimitRule } from '../rate-limit/rate-limit-names.js';
import type { AttributeAccess } from './attribute-access.js';
import type { StandardAttributeName } from './standard-attributes.js';
import type { UserFieldDeclarations } from './user-fields.js';

/**
 * Whether sign-up asks for an identifier: `'required'`, `'optional'`, or `false` (not taken).
 */
export type IdentifierSetting = 'required' | 'optional' | false;

/** Which identifiers users have (see `UserModuleOptions.identifiers`). */
export interface IdentifierSettings {
  /** Default `'required'`. */
  email?: IdentifierSetting;
  /** A username (3-64 of `a-z 0-9 _ . -`, unique case-insensitively), a way to sign in with the password. Default `false`. */
  username?: IdentifierSetting;
  /** A phone number (E.164), verified by SMS code; once verified, a way to sign in by SMS code (needs UserContactsModule). Default `false`. */
  phone?: IdentifierSetting;
}

export interface RoleDefinition {
  name: string;
  description?: string;
}

export interface PasswordPolicyOptions {
  /** At least 8 (the floor is a security default, not an option). */
  minLength?: number;
  /** At most 128. */
  maxLength?: number;
}

/** See `UserModuleOptions.sessionValidation`. */
export type SessionValidation = 'database' | 'stateless';

/** Options of `UserModule.forRoot()` / the factory of `forRootAsync()`. */
export interface UserModuleOptions {
  /** HMAC secret of the access tokens (HS256), at least 32 characters. */
  tokenSecret: string;
  /** Issuer claim of access tokens. Default `userkit`. */
  tokenIssuer?: string;
  /**
   * Access token lifetime in seconds. Default 900 (15 min); with `sessionValidation: 'stateless'`
   * default 60 and at most 300 (a longer one stops the app at start: it is the revocation window).
   */
  accessTokenTtlSeconds?: number;
  /**
   * How the guard checks an access token. `'database'` (default): the signature, then the session
   * and the user in one statement per request, so logout, bans and role changes apply at once.
   * `'stateless'`: the signature and expiry only, no database; logout, revocation, bans and role
   * changes apply at the next refresh (at most `accessTokenTtlSeconds` later, the revocation
   * window), sooner on instances a `sessionRevocationBroadcast` reaches. SECURITY.md weighs it.
   */
  sessionValidation?: SessionValidation;
  /**
   * Stateless sessions only: tells every instance which sessions ended, so each refuses their
   * access tokens as soon as the message arrives (best effort: a lost message leaves the
   * revocation window), e.g. `new RedisSessionRevocationBroadcast(redis)`.
   */
  sessionRevocationBroadcast?: SessionRevocationBroadcast;
  /** Absolute session (refresh token family) lifetime in seconds. Default 30 days. */
  refreshTokenTtlSeconds?: number;
  passwordPolicy?: PasswordPolicyOptions;
  /** Role given at sign-up. Default `user`. */
  defaultRole?: string;
  /** Roles beyond the built-in `admin`, `user` and `anonymous`. */
  roles?: RoleDefinition[];
  /** Whether `POST /auth/signup/anonymous` is open. Default false. */
  anonymousSignUp?: boolean;
  /**
   * Whether a signed-in user may delete their own account (`DELETE /me`, with a recent sign-in).
   * Default true; false answers 403 `SELF_DELETION_DISABLED` (an admin still can).
   */
  selfDeletion?: boolean;
  /** The public base URL of the app, without the global prefix (OAuth callbacks, links in messages). */
  publicUrl?: string;
  /** Replaces the argon2id hasher (e.g. to verify hashes migrated from another system). */
  passwordHasher?: PasswordHasher;
  /**
   * Parameters for verifying imported password hashes with the default hasher (README "Import and
   * export"): Firebase's modified scrypt needs the project's; the other formats carry their own.
   */
  importedPasswordHashes?: { firebaseScrypt?: FirebaseScryptParameters };
  /**
   * The host's existing user database, for a lazy migration: a password sign-in with an email
   * nobody here holds asks it, and a user it knows (with that password) is created here and signed
   * in (README "Moving users in from your own store"). Its failures answer 503
   * `LEGACY_STORE_UNAVAILABLE`.
   */
  legacyUserStore?: LegacyUserStore<any>;
  /** Callbacks around account creation (veto, enrich, provision elsewhere). */
  lifecycleHooks?: UserLifecycleHooks;
  /** Per-address limits by bucket; `false` turns them off (benchmarks only). */
  rateLimits?: false | Partial<Record<RateLimitName, RateLimitRule>>;
  /** Shared counters for several instances, e.g. `new RedisThrottlerStorage(redis)`. */
  rateLimitStorage?: RateLimitStorage;
  /**
   * What the limited routes do while `rateLimitStorage` is unreachable (Redis down): `'closed'`
   * (default) answers 503 with Retry-After, since limits are a security control; `'open'` counts
   * in each instance's memory until the storage answers again (see FailOpenRateLimitStorage).
   */
  rateLimitFailure?: 'closed' | 'open';
  /** Password hashing admitted at once (default: the CPU count) and queued beyond (default 16x). */
  hashingConcurrency?: number;
  hashingQueueLimit?: number;
  /** Delivers verification codes and reset links. Default: logs them (development only). */
  messageSender?: MessageSender;
  /**
   * The identifiers users sign up and sign in with, each `'required'`, `'optional'` or `false`.
   * Default `{ email: 'required', username: false, phone: false }`. Email or username must be
   * required (the password needs one to be typed with); `phone` needs UserContactsModule.
   */
  identifiers?: IdentifierSettings;
  /**
   * Until the user verified an email address, only GET /me, verifying, resending and adding an
   * address, and signing out are allowed: every other route behind the library's guard (the
   * host's too) answers 403 `EMAIL_NOT_VERIFIED`. Sign-up sends the code. Needs
   * UserContactsModule (the routes that verify). Default false.
   */
  requireVerifiedEmail?: boolean;
  /** Sensitive changes (add email/phone, password, 2FA off) need a sign-in this recent. Default 3600. */
  reauthenticationWindowSeconds?: number;
  /**
   * Where password reset links point (`?token=…` is added). Default: with UserPagesModule, its reset
   * form (where the app serves them); else `${publicUrl}/reset-password`.
   */
  passwordResetUrl?: string;
  /**
   * The host's own fields on every user, declared in code (best through `defineUserFields`, which
   * keeps their literal types): created or updated at every start as custom attributes of the
   * profile schema, shown and written under `customAttributes` as their access allows, e.g.
   * `{ companyId: { type: 'string', access: { endUser: 'readonly' } }, plan: { type: 'enum',
   * values: ['free', 'pro'] } }`.
   */
  fields?: UserFieldDeclarations;
  /** Per-party access to the OIDC standard attributes over Authgear's defaults; admins may change it at run time. */
  standardAttributeAccess?: Partial<Record<StandardAttributeName, Partial<AttributeAccess>>>;
}

/** Structural switches, read synchronously even under forRootAsync. */
export interface UserModuleExtras {
  /** @deprecated The core is always global now (its feature modules inject its services); ignored. */
  isGlobal?: boolean;
  /** Register the auth and roles guards as APP_GUARDs: every route needs a session unless @Public(). */
  globalGuards?: boolean;
  /** Serve the library's HTTP routes. Default true; false leaves only the services and guards. */
  routes?: boolean;
}
