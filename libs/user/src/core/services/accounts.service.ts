import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { JsonObject, User } from '../entities/user.entity.js';
import { UserKitException } from '../errors/user-kit.exception.js';
import { PasswordHasher } from '../extension-points/password-hasher.js';
import { UserLifecycleHooks, type NewUserDraft } from '../extension-points/user-lifecycle-hooks.js';
import { ANONYMOUS_ROLE } from '../options/built-in-roles.js';
import type { ResolvedUserOptions } from '../options/resolved-options.js';
import { ContactsRepository } from '../../contacts/repositories/contacts.repository.js';
import { UsersRepository } from '../repositories/users.repository.js';
import { USER_OPTIONS } from '../tokens.js';
import { normalizeEmail } from '../validation/email.js';
import { metadataProblem } from '../validation/json-metadata.js';
import type { IssuedTokens } from './issued-tokens.js';
import { HashingGate } from './hashing-gate.js';
import { PasswordPolicyService } from './password-policy.service.js';
import { SignInAttemptsService } from './sign-in-attempts.service.js';
import type { RequestMeta } from './request-meta.js';
import { SessionsService } from './sessions.service.js';
import { UserEventsPublisher } from '../events/user-events.publisher.js';
import { logValue } from '../messages/log-value.js';
import { ProfileAttributesService } from './profile-attributes.service.js';

export interface PasswordSignUp {
  email: string;
  password: string;
  displayName?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  picture?: string | null;
  unsafeMetadata?: JsonObject;
  /** Custom attributes the end user may write (the host's fields among them), e.g. `{ plan: 'pro' }`. */
  customAttributes?: Record<string, unknown>;
}

/** Sign-up and sign-in: the flows that create users and open their first sessions. */
@Injectable()
export class AccountsService implements OnModuleInit {
  private readonly logger = new Logger('UserKit');
  /** Spent on unknown emails so that their timing matches a wrong password. */
  private dummyHash!: string;

  constructor(
    @Inject(USER_OPTIONS) private readonly options: ResolvedUserOptions,
    @Inject(PasswordHasher) private readonly hasher: PasswordHasher,
    @Inject(UserLifecycleHooks) private readonly hooks: UserLifecycleHooks,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly passwordPolicy: PasswordPolicyService,
    private readonly hashingGate: HashingGate,
    private readonly signInAttempts: SignInAttemptsService,
    private readonly events: UserEventsPublisher,
    private readonly contacts: ContactsRepository,
    private readonly attributes: ProfileAttributesService,
  ) {}

  async onModuleInit(): Promise<void> {
    this.dummyHash = await this.hasher.hash(`userkit-dummy-${Math.random()}`);
  }

  async signUpWithPassword(input: PasswordSignUp, meta: RequestMeta): Promise<IssuedTokens> {
    this.passwordPolicy.assertAcceptable(input.password, input.email);
    const customAttributes = await this.attributes.initialCustomValues(
      'endUser',
      input.customAttributes,
    );
    const draft = await this.runBeforeCreate({
      email: input.email.trim(),
      displayName: input.displayName ?? null,
      firstName: input.firstName ?? null,
      lastName: input.lastName ?? null,
      picture: input.picture ?? null,
      unsafeMetadata: input.unsafeMetadata ?? {},
      publicMetadata: {},
      isAnonymous: false,
      source: 'password',
    });
    const passwordHash = await this.hashingGate.run(() => this.hasher.hash(input.password));
    const user = await this.users.create({
      ...draft,
      emailVerified: false,
      passwordHash,
      privateMetadata: {},
      customAttributes,
      roleNames: [this.options.defaultRole],
      signedIn: true,
    });
    // Others' unverified claims on the address yield to the one who registers it.
    if (draft.email)
      await this.contacts.releaseUnverifiedClaims(normalizeEmail(draft.email), user.id);
    await this.runAfterCreate(user);
    return this.signedUp(user, meta);
  }

  async signUpAnonymously(meta: RequestMeta): Promise<IssuedTokens> {
    if (!this.options.anonymousSignUp) throw new UserKitException('ANONYMOUS_SIGNUP_DISABLED');
    const draft = await this.runBeforeCreate({
      email: null,
      displayName: null,
      firstName: null,
      lastName: null,
      picture: null,
      unsafeMetadata: {},
      publicMetadata: {},
      isAnonymous: true,
      source: 'anonymous',
    });
    const user = await this.users.create({
      ...draft,
      email: null,
      emailVerified: false,
      passwordHash: null,
      privateMetadata: {},
      roleNames: [ANONYMOUS_ROLE],
      signedIn: true,
    });
    await this.runAfterCreate(user);
    return this.signedUp(user, meta);
  }

  /**
   * One answer for unknown email, wrong password and banned user, in about the same time. With
   * two-factor on, this refuses: `PasswordSignInService` hands out the challenge instead.
   */
  async signInWithPassword(
    email: string,
    password: string,
    meta: RequestMeta,
  ): Promise<IssuedTokens> {
    const user = await this.verifyPassword(email, password, meta.ip);
    if (user.twoFactorEnabled) throw new UserKitException('TWO_FACTOR_REQUIRED');
    return this.signedInWithPassword(user, meta);
  }

  /**
   * The first factor: the user whose email and password match (counted against the account's
   * lock, which stays counted: the caller clears it once sign-in is complete). `client`: the
   * address the attempt comes from, which backs off on its own after failures.
   */
  async verifyPassword(email: string, password: string, client: string | null): Promise<User> {
    // One read: the user, its role names and whether the read already counted this attempt.
    const found = await this.users.findForSignIn(email, new Date());
    const user = found?.user ?? null;
    const passwordHash = user?.passwordHash ?? null;
    const attempt =
      user && passwordHash !== null
        ? this.signInAttempts.forUser(user, client)
        : this.signInAttempts.forUnknownEmail(email, client);
    await this.signInAttempts.reserve(attempt, found?.attemptCounted === true);
    const matches = await this.hashingGate.run(() =>
      this.hasher.verify(passwordHash ?? this.dummyHash, password),
    );
    if (!user || passwordHash === null || !matches || user.banned) {
      await this.signInAttempts.failed(attempt);
      throw new UserKitException('INVALID_CREDENTIALS');
    }
    if (this.hasher.needsRehash(passwordHash)) {
      const upgraded = await this.hashingGate.run(() => this.hasher.hash(password));
      await this.users.setPasswordHash(user.id, upgraded);
    }
    return user;
  }

  /**
   * An anonymous user becomes a real one in place: same id, same data; the email becomes its
   * primary (unverified) address, the default role replaces `anonymous`, and the anonymous session
   * is swapped for a new one (returned), so the old refresh token is dead.
   */
  async upgradeAnonymous(
    userId: string,
    sessionId: string,
    email: string,
    password: string,
    meta: RequestMeta,
  ): Promise<IssuedTokens> {
    const current = await this.users.findFullById(userId);
    if (!current?.isAnonymous) throw new UserKitException('NOT_ANONYMOUS');
    this.passwordPolicy.assertAcceptable(password, email);
    const passwordHash = await this.hashingGate.run(() => this.hasher.hash(password));
    const outcome = await this.users.upgradeAnonymous(
      userId,
      email,
      passwordHash,
      ANONYMOUS_ROLE,
      this.options.defaultRole,
    );
    if (outcome === 'not_anonymous') throw new UserKitException('NOT_ANONYMOUS');
    this.events.emit('user.updated', {
      userId,
      changes: ['isAnonymous', 'emailAddresses', 'roles', 'password'],
    });
    await this.sessions.revokeSession(sessionId, 'upgraded', userId);
    const user = await this.users.findFullById(userId);
    return this.signedIn(user!, meta);
  }

  /** Records the sign-in and opens the session (after every factor passed). */
  async signedIn(user: User, meta: RequestMeta): Promise<IssuedTokens> {
    await this.users.recordSignIn(user.id, new Date());
    return this.sessions.open(user, meta);
  }

  /**
   * A self sign-up's first session: the INSERT recorded the sign-in, and the user just made is
   * complete, so nothing is written or read again before the session opens.
   */
  private signedUp(user: User, meta: RequestMeta): Promise<IssuedTokens> {
    return this.sessions.open(user, meta, user.lastSignInAt ?? user.createdAt);
  }

  /**
   * `signedIn` after a password (and any second factor) passed: the account's failure count is
   * cleared, and the sign-in recorded, by the write that opens the session.
   */
  async signedInWithPassword(user: User, meta: RequestMeta): Promise<IssuedTokens> {
    const at = new Date();
    return this.sessions.open(user, meta, at, true);
  }

  private async runBeforeCreate(draft: NewUserDraft): Promise<NewUserDraft> {
    const changed = (await this.hooks.beforeCreate?.({ ...draft })) ?? draft;
    for (const field of ['unsafeMetadata', 'publicMetadata'] as const) {
      const problem = metadataProblem(changed[field]);
      if (problem)
        throw new Error(`UserLifecycleHooks.beforeCreate returned ${field} that ${problem}`);
    }
    return changed;
  }

  private async runAfterCreate(user: User): Promise<void> {
    try {
      await this.hooks.afterCreate?.({
        id: user.id,
        email: user.emailAddresses.getItems()[0]?.email ?? null,
      });
    } catch (error) {
      this.logger.error(
        `UserLifecycleHooks.afterCreate failed for user ${user.id}: ${logValue(error)}`,
      );
    }
  }
}
