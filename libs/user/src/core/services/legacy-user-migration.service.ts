import { Inject, Injectable, Logger } from '@nestjs/common';
import type { JsonObject } from '../entities/user.entity.js';
import { UserKitException } from '../errors/user-kit.exception.js';
import { LegacyUserStore, type LegacyUserProfile } from '../extension-points/legacy-user-store.js';
import { logValue } from '../messages/log-value.js';
import type { ResolvedUserOptions } from '../options/resolved-options.js';
import { UsersRepository, type SignInIdentifier } from '../repositories/users.repository.js';
import { USER_OPTIONS } from '../tokens.js';
import { normalizeEmail } from '../validation/email.js';
import { metadataProblem } from '../validation/json-metadata.js';
import { SignInAttemptsService } from './sign-in-attempts.service.js';
import { UserCreationService } from './user-creation.service.js';

/** A store that does not answer in this time is down, as far as a waiting sign-in is concerned. */
const STORE_TIMEOUT_MS = 10_000;

/** The profile's text fields and their column lengths. */
const PROFILE_TEXT_FIELDS = {
  displayName: 200,
  firstName: 200,
  lastName: 200,
  picture: 2048,
} as const;
const PROFILE_METADATA_FIELDS = ['publicMetadata', 'privateMetadata', 'unsafeMetadata'] as const;

/**
 * The lazy migration from the host's LegacyUserStore: before a password sign-in by email, a user
 * the store knows (with this password) and nobody here holds the address of is created here. The
 * sign-in then goes on as for any local user (the password checked against the new hash, attempts
 * and events as usual); when there is nothing to migrate it fails as for any unknown email.
 */
@Injectable()
export class LegacyUserMigrationService {
  private readonly logger = new Logger('UserKit');

  constructor(
    @Inject(LegacyUserStore) private readonly store: LegacyUserStore | null,
    @Inject(USER_OPTIONS) private readonly options: ResolvedUserOptions,
    private readonly users: UsersRepository,
    private readonly creation: UserCreationService,
    private readonly signInAttempts: SignInAttemptsService,
  ) {}

  /**
   * Before the password check of a sign-in by email (a username is never looked up in the store).
   * The typed password is hashed for the new user here and checked again by the sign-in: the
   * one-time cost of a migration, so that the rest of the sign-in is the ordinary one.
   */
  async migrateOnSignIn(
    identifier: string | SignInIdentifier,
    password: string,
    client: string | null,
  ): Promise<void> {
    const store = this.store;
    if (!store) return;
    const typed =
      typeof identifier === 'string' ? identifier : 'email' in identifier ? identifier.email : null;
    if (typed === null) return;
    const email = normalizeEmail(typed);
    if (await this.users.findByEmail(email)) return;
    // Guesses at a legacy account wait out the same backoff as guesses at a local one.
    await this.signInAttempts.checkBackoff(this.signInAttempts.forUnknownEmail(email, client));
    const legacyUser = await this.ask('findByEmail', () => store.findByEmail(email));
    if (legacyUser === null || legacyUser === undefined) return;
    const matches = await this.ask('verifyPassword', () =>
      store.verifyPassword(legacyUser, password),
    );
    if (matches !== true) return;
    const profile = store.profile
      ? await this.ask('profile', async () => checkedProfile(await store.profile!(legacyUser)))
      : {};
    try {
      await this.creation.create(
        {
          email,
          displayName: profile.displayName ?? null,
          firstName: profile.firstName ?? null,
          lastName: profile.lastName ?? null,
          picture: profile.picture ?? null,
          unsafeMetadata: profile.unsafeMetadata ?? {},
          publicMetadata: profile.publicMetadata ?? {},
          isAnonymous: false,
          source: 'legacy',
        },
        {
          password,
          emailVerified: profile.emailVerified === true,
          privateMetadata: profile.privateMetadata ?? {},
          roleNames: [this.options.defaultRole],
          signedIn: false,
        },
      );
    } catch (error) {
      // A concurrent first sign-in of the same user created it first (the address's unique
      // index decided): this sign-in goes on against that user.
      if (error instanceof UserKitException && error.code === 'EMAIL_TAKEN') return;
      throw error;
    }
  }

  /** One call to the host's store: whatever it throws, or no answer in time, is a 503. */
  private async ask<T>(step: string, call: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer in ${STORE_TIMEOUT_MS / 1000} s`)),
        STORE_TIMEOUT_MS,
      );
    });
    try {
      return await Promise.race([call(), timeout]);
    } catch (error) {
      this.logger.error(`LegacyUserStore.${step} failed: ${logValue(error)}`);
      throw new UserKitException('LEGACY_STORE_UNAVAILABLE');
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The host's profile as the write takes it; a malformed one is the store failing. */
function checkedProfile(profile: LegacyUserProfile | null | undefined): LegacyUserProfile {
  if (profile === null || profile === undefined) return {};
  if (typeof profile !== 'object') throw new Error('profile() returned no object');
  for (const [field, maxLength] of Object.entries(PROFILE_TEXT_FIELDS)) {
    const value = profile[field as keyof typeof PROFILE_TEXT_FIELDS];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string' || value.length > maxLength)
      throw new Error(`profile().${field} is not a string of at most ${maxLength} characters`);
  }
  for (const field of PROFILE_METADATA_FIELDS) {
    const value: JsonObject | undefined = profile[field];
    const problem = value === undefined ? null : metadataProblem(value);
    if (problem) throw new Error(`profile().${field} ${problem}`);
  }
  return profile;
}
