import { Inject, Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import type { JsonObject, User } from '../entities/user.entity.js';
import { UserKitException } from '../errors/user-kit.exception.js';
import { PasswordHasher } from '../extension-points/password-hasher.js';
import { IdentifierVerification } from '../extension-points/identifier-verification.js';
import { UserModuleOptionsError } from '../options/resolve-options.js';
import type { IdentifierSetting } from '../options/user-module-options.js';
import { ANONYMOUS_ROLE } from '../options/built-in-roles.js';
import type { ResolvedUserOptions } from '../options/resolved-options.js';
import { UsersRepository, type SignInIdentifier } from '../repositories/users.repository.js';
import { toE164 } from '../validation/phone-number.js';
import { normalizeUsername } from '../validation/username.js';
import { USER_OPTIONS } from '../tokens.js';
import type { IssuedTokens } from './issued-tokens.js';
import { HashingGate } from './hashing-gate.js';
import { PasswordPolicyService } from './password-policy.service.js';
import { SignInAttemptsService } from './sign-in-attempts.service.js';
import type { RequestMeta } from './request-meta.js';
import { SessionsService } from './sessions.service.js';
import { SessionRevocationService } from './session-revocation.service.js';
import { bareDraft, UserCreationService } from './user-creation.service.js';
import { UserUpdateService } from './user-update.service.js';
import { ProfileAttributesService } from './profile-attributes.service.js';
import { UserEventsPublisher } from '../events/user-events.publisher.js';
import type {
  SignInFailedEvent,
  SignInFailureReason,
  SignInMethod,
} from '../events/user-kit-events.js';
import { normalizeEmail } from '../validation/email.js';
import { isBannedAt } from '../entities/ban-state.js';

/** A sign-in with the password alone. */
export const PASSWORD_ONLY: SignInMethod = Object.freeze({
  method: 'password',
  provider: null,
  secondFactor: null,
});

/** The guessing limits' refusals, as `signIn.failed` names them. */
function refusalReason(error: unknown): SignInFailureReason | null {
  if (!(error instanceof UserKitException)) return null;
  if (error.code === 'SIGN_IN_BACKOFF') return 'backoff';
  if (error.code === 'PASSWORD_SIGN_IN_DISABLED') return 'locked';
  return null;
}

export interface PasswordSignUp {
  /** Required by default; see the `identifiers` option for which of the three sign-up takes. */
  email?: string;
  /** Lower-cased and checked by the route (`IsUsername`); `normalizeUsername` for callers of their own. */
  username?: string;
  /** E.164 (or any form `toE164` reads): added unverified, and a code is sent. */
  phoneNumber?: string;
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
  /** Spent on unknown emails so that their timing matches a wrong password. */
  private dummyHash!: string;

  constructor(
    @Inject(USER_OPTIONS) private readonly options: ResolvedUserOptions,
    @Inject(PasswordHasher) private readonly hasher: PasswordHasher,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly passwordPolicy: PasswordPolicyService,
    private readonly hashingGate: HashingGate,
    private readonly signInAttempts: SignInAttemptsService,
    private readonly creation: UserCreationService,
    private readonly updates: UserUpdateService,
    private readonly revocation: SessionRevocationService,
    private readonly attributes: ProfileAttributesService,
    @Optional()
    @Inject(IdentifierVerification)
    private readonly verification: IdentifierVerification | undefined,
    private readonly events: UserEventsPublisher,
  ) {}

  async onModuleInit(): Promise<void> {
    const { phone, requireVerifiedEmail } = this.options.identifiers;
    if ((phone !== false || requireVerifiedEmail) && !this.verification) {
      throw new UserModuleOptionsError([
        `${requireVerifiedEmail ? 'requireVerifiedEmail' : 'identifiers.phone'} needs UserContactsModule (from @userkit/user/contacts): it sends and redeems the verification codes`,
      ]);
    }
    this.dummyHash = await this.hasher.hash(`userkit-dummy-${Math.random()}`);
  }

  async signUpWithPassword(input: PasswordSignUp, meta: RequestMeta): Promise<IssuedTokens> {
    const identifiers = this.signUpIdentifiers(input);
    this.passwordPolicy.assertAcceptable(input.password, identifiers.email ?? identifiers.username);
    const attributes = await this.attributes.forCreation('endUser', {
      customAttributes: input.customAttributes,
    });
    const user = await this.creation.create(
      {
        email: identifiers.email,
        displayName: input.displayName ?? null,
        firstName: input.firstName ?? null,
        lastName: input.lastName ?? null,
        picture: input.picture ?? null,
        unsafeMetadata: input.unsafeMetadata ?? {},
        publicMetadata: {},
        isAnonymous: false,
        source: 'password',
      },
      {
        password: input.password,
        emailVerified: false,
        privateMetadata: {},
        customAttributes: attributes.fields.customAttributes ?? {},
        recheckAttributes: attributes.recheck,
        roleNames: [this.options.defaultRole],
        signedIn: true,
        username: identifiers.username,
        phoneNumber: identifiers.phoneNumber,
      },
    );
    await this.verification?.sendCodesFor(user);
    return this.signedUp(user, meta);
  }

  /**
   * The identifiers a sign-up gives, as the `identifiers` option wants them: every required one
   * present (400 naming the missing ones), none the app does not take (400).
   */
  private signUpIdentifiers(input: PasswordSignUp): {
    email: string | null;
    username: string | null;
    phoneNumber: string | null;
  } {
    const given = {
      email: input.email?.trim() || null,
      username: input.username ?? null,
      phoneNumber: input.phoneNumber ?? null,
    };
    const settings: Record<keyof typeof given, IdentifierSetting> = {
      email: this.options.identifiers.email,
      username: this.options.identifiers.username,
      phoneNumber: this.options.identifiers.phone,
    };
    const missing: string[] = [];
    for (const name of ['email', 'username', 'phoneNumber'] as const) {
      if (given[name] !== null && settings[name] === false)
        throw new UserKitException(
          'IDENTIFIER_NOT_ACCEPTED',
          `This app does not take a ${name} at sign-up`,
        );
      if (given[name] === null && settings[name] === 'required')
        missing.push(`${name} is required`);
    }
    if (missing.length > 0) throw new UserKitException('VALIDATION_FAILED', missing);
    const phoneNumber = given.phoneNumber === null ? null : toE164(given.phoneNumber);
    if (given.phoneNumber !== null && phoneNumber === null)
      throw new UserKitException('INVALID_PHONE_NUMBER');
    return { ...given, phoneNumber };
  }

  async signUpAnonymously(meta: RequestMeta): Promise<IssuedTokens> {
    if (!this.options.anonymousSignUp) throw new UserKitException('ANONYMOUS_SIGNUP_DISABLED');
    const user = await this.creation.create(bareDraft('anonymous', null), {
      password: null,
      emailVerified: false,
      privateMetadata: {},
      roleNames: [ANONYMOUS_ROLE],
      signedIn: true,
    });
    return this.signedUp(user, meta);
  }

  /**
   * One answer for unknown email, wrong password and banned user, in about the same time. With
   * two-factor on, this refuses: `PasswordSignInService` hands out the challenge instead.
   */
  async signInWithPassword(
    identifier: string | SignInIdentifier,
    password: string,
    meta: RequestMeta,
  ): Promise<IssuedTokens> {
    const user = await this.verifyPassword(identifier, password, meta.ip);
    if (user.twoFactorEnabled) throw new UserKitException('TWO_FACTOR_REQUIRED');
    return this.signedInWithPassword(user, meta, PASSWORD_ONLY);
  }

  /**
   * The first factor: the user whose email (or username) and password match (counted against the
   * account's lock, which stays counted: the caller clears it once sign-in is complete). `client`:
   * the address the attempt comes from, which backs off on its own after failures. An account's
   * lock and backoff are the same whichever identifier is typed; an unknown identifier goes
   * through the same steps, with a dummy hash, so neither answer nor time tells it apart.
   */
  async verifyPassword(
    identifier: string | SignInIdentifier,
    password: string,
    client: string | null,
  ): Promise<User> {
    const by: SignInIdentifier =
      typeof identifier === 'string' ? { email: identifier } : identifier;
    const byUsername = 'username' in by;
    const refused = (): UserKitException =>
      byUsername
        ? new UserKitException('INVALID_CREDENTIALS', 'Invalid username or password')
        : new UserKitException('INVALID_CREDENTIALS');
    if (byUsername && this.options.identifiers.username === false)
      throw new UserKitException('IDENTIFIER_NOT_ACCEPTED', 'This app has no usernames');
    // A username that cannot exist is looked up as typed: nobody holds it (stored ones are valid
    // and lower-case), and it goes through the same steps as any unknown one.
    const lookup: SignInIdentifier = byUsername
      ? { username: normalizeUsername(by.username) ?? by.username }
      : by;
    // One read: the user, its role names and whether the read already counted this attempt.
    const found = await this.users.findForSignIn(lookup, new Date());
    const user = found?.user ?? null;
    const passwordHash = user?.passwordHash ?? null;
    const attempt =
      user && passwordHash !== null
        ? this.signInAttempts.forUser(user, client)
        : this.signInAttempts.forUnknownIdentifier(lookup, client);
    const tried = 'username' in lookup ? lookup.username : lookup.email;
    try {
      await this.signInAttempts.reserve(attempt, found?.attemptCounted === true);
    } catch (error) {
      const refusal = refusalReason(error);
      if (refusal) this.signInFailed(user?.id ?? null, 'password', refusal, tried);
      throw error;
    }
    const matches = await this.hashingGate.run(() =>
      this.hasher.verify(passwordHash ?? this.dummyHash, password),
    );
    if (!user || passwordHash === null || !matches || isBannedAt(user)) {
      await this.signInAttempts.failed(attempt);
      const reason: SignInFailureReason = !user
        ? 'unknown_account'
        : passwordHash === null
          ? 'no_password'
          : !matches
            ? 'wrong_password'
            : 'banned';
      this.signInFailed(user?.id ?? null, 'password', reason, tried);
      throw refused();
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
    const outcome = await this.updates.upgradeAnonymous(
      userId,
      email,
      passwordHash,
      ANONYMOUS_ROLE,
      this.options.defaultRole,
    );
    if (outcome === 'not_anonymous') throw new UserKitException('NOT_ANONYMOUS');
    await this.revocation.revokeSession(sessionId, 'upgraded', userId);
    const user = await this.users.findFullById(userId);
    await this.verification?.sendCodesFor(user!);
    return this.signedIn(user!, meta);
  }

  /**
   * `signIn.failed`: the answer stays the same whatever the reason; only listeners (the audit
   * log) learn it. `identifier`: what was tried, kept only when it names no user.
   */
  signInFailed(
    userId: string | null,
    method: SignInFailedEvent['method'],
    reason: SignInFailureReason,
    identifier: string | null = null,
  ): void {
    if (!this.events.listening) return;
    this.events.emit('signIn.failed', {
      userId,
      method,
      reason,
      identifier: userId === null && identifier !== null ? normalizeEmail(identifier) : null,
    });
  }

  /**
   * Records the sign-in and opens the session (after every factor passed). `signIn`: how the user
   * proved who they are; none when no sign-in happened (an upgrade swaps its session).
   */
  async signedIn(user: User, meta: RequestMeta, signIn?: SignInMethod): Promise<IssuedTokens> {
    await this.users.recordSignIn(user.id, new Date());
    return this.sessions.open(user, meta, undefined, false, signIn);
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
  async signedInWithPassword(
    user: User,
    meta: RequestMeta,
    signIn: SignInMethod,
  ): Promise<IssuedTokens> {
    const at = new Date();
    return this.sessions.open(user, meta, at, true, signIn);
  }
}
