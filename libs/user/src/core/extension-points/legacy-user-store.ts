import type { JsonObject } from '../entities/user.entity.js';

/**
 * What a legacy user becomes here on their first sign-in (all optional). The address they signed
 * in with becomes the primary email; it counts as verified only when `emailVerified` says so.
 */
export interface LegacyUserProfile {
  emailVerified?: boolean;
  displayName?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  picture?: string | null;
  publicMetadata?: JsonObject;
  privateMetadata?: JsonObject;
  unsafeMetadata?: JsonObject;
}

/**
 * The host's existing user database, as a connector for a lazy migration: on a password sign-in
 * with an email nobody here holds, the library asks the store; when it knows the address and the
 * password matches, the user is created here (through the one write path: the lifecycle hooks and
 * `user.created` with `source: 'legacy'` run) and signed in; from then on the user is local and
 * the store is never asked about them again. Anything the store throws (or a call that takes
 * longer than 10 s) answers 503 `LEGACY_STORE_UNAVAILABLE`, never a sign-in.
 * Given as UserModule's `legacyUserStore` option.
 */
export interface LegacyUserStore<LegacyUser = unknown> {
  /** The legacy user holding this address (normalised: trimmed, lower-case), or null. */
  findByEmail(email: string): Promise<LegacyUser | null>;
  /** Whether `password` is this legacy user's, checked in the legacy system's own hash format. */
  verifyPassword(legacyUser: LegacyUser, password: string): Promise<boolean>;
  /** Names, picture and metadata for the new user; without it the user starts with the email only. */
  profile?(legacyUser: LegacyUser): Promise<LegacyUserProfile> | LegacyUserProfile;
}

export const LegacyUserStore = Symbol('UserKit.LegacyUserStore');
