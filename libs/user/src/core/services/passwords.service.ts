import { Inject, Injectable, Logger } from '@nestjs/common';
import type { User } from '../entities/user.entity.js';
import { UserKitException } from '../errors/user-kit.exception.js';
import { PasswordHasher } from '../extension-points/password-hasher.js';
import type { ResolvedUserOptions } from '../options/resolved-options.js';
import { EmailAddressesRepository } from '../repositories/email-addresses.repository.js';
import { OrmContext } from '../repositories/orm-context.js';
import { PasswordResetTokensRepository } from '../repositories/password-reset-tokens.repository.js';
import { UnverifiedClaimResetRepository } from '../repositories/unverified-claim-reset.repository.js';
import { UsersRepository } from '../repositories/users.repository.js';
import { USER_OPTIONS } from '../tokens.js';
import { normalizeEmail } from '../validation/email.js';
import { HashingGate } from './hashing-gate.js';
import { MessageDeliveryService, recipientOf } from './message-delivery.service.js';
import { PasswordPolicyService } from './password-policy.service.js';
import { RouteUrlsService } from './route-urls.service.js';
import { generateSecretToken, hashSecretToken } from './secret-token.js';
import { SignInAttemptsService } from './sign-in-attempts.service.js';
import { UserFeatureListeners } from './user-feature-listeners.js';
import { UserSessionsService } from './user-sessions.service.js';
import { UserUpdateService } from './user-update.service.js';
import { logValue } from '../messages/log-value.js';
import { isBannedAt } from '../entities/ban-state.js';

/** Reset links live one hour. */
export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;

/** Changing a password (signed in) and recovering it (by a link sent to an email address). */
@Injectable()
export class PasswordsService {
  private readonly logger = new Logger('UserKit');

  constructor(
    @Inject(USER_OPTIONS) private readonly options: ResolvedUserOptions,
    @Inject(PasswordHasher) private readonly hasher: PasswordHasher,
    private readonly users: UsersRepository,
    private readonly emailAddresses: EmailAddressesRepository,
    private readonly resetTokens: PasswordResetTokensRepository,
    private readonly hashingGate: HashingGate,
    private readonly passwordPolicy: PasswordPolicyService,
    private readonly signInAttempts: SignInAttemptsService,
    private readonly sessions: UserSessionsService,
    private readonly delivery: MessageDeliveryService,
    private readonly ormContext: OrmContext,
    private readonly urls: RouteUrlsService,
    private readonly featureListeners: UserFeatureListeners,
    private readonly unverifiedClaims: UnverifiedClaimResetRepository,
    private readonly updates: UserUpdateService,
  ) {}

  /**
   * The current password is checked like a sign-in (it counts against the account's backoff), so
   * a stolen session cannot be used to guess it. Every other session dies.
   */
  async change(
    userId: string,
    sessionId: string,
    currentPassword: string,
    newPassword: string,
  ): Promise<void> {
    const user = await this.users.findFullById(userId);
    if (!user) throw new UserKitException('USER_NOT_FOUND');
    if (user.passwordHash === null) {
      throw new UserKitException(
        'INVALID_CURRENT_PASSWORD',
        'This account has no password yet: set one through POST /auth/password/forgot',
      );
    }
    // The session is the client: a stolen one backs off on its own.
    const attempt = this.signInAttempts.forUser(user, `session:${sessionId}`);
    await this.signInAttempts.reserve(attempt);
    const passwordHash = user.passwordHash;
    const matches = await this.hashingGate.run(() =>
      this.hasher.verify(passwordHash, currentPassword),
    );
    if (!matches) {
      await this.signInAttempts.failed(attempt);
      throw new UserKitException('INVALID_CURRENT_PASSWORD');
    }
    await this.signInAttempts.clear(user.id);
    const primary = user.emailAddresses.getItems().find((email) => email.primary);
    this.passwordPolicy.assertAcceptable(newPassword, primary?.email ?? '');
    const nextHash = await this.hashingGate.run(() => this.hasher.hash(newPassword));
    await this.updates.setPassword(user.id, nextHash, 'change');
    await this.sessions.revokeOthers(user.id, sessionId, 'password_changed');
    await this.featureListeners.passwordChanged(user.id);
  }

  /**
   * Answers at once, the same way whether the address is known or not: the lookup, the token and
   * the message happen afterwards, so neither the answer nor its timing tells who has an account.
   */
  requestReset(email: string): void {
    void this.ormContext
      .runDetached(() => this.sendResetLink(email))
      .catch((error: unknown) =>
        this.logger.error(`Password reset request failed: ${logValue(error)}`),
      );
  }

  /** Single use, one hour; sets the password, lifts the sign-in lock, and ends every session. */
  async reset(token: string, newPassword: string): Promise<void> {
    const tokenHash = hashSecretToken(token);
    const live = await this.resetTokens.findLive(tokenHash, new Date());
    const user = live ? await this.users.findFullById(live.userId) : null;
    if (!live || !user) throw new UserKitException('INVALID_RESET_TOKEN');
    // A refused password leaves the link usable for a better one.
    const primary = user.emailAddresses.getItems().find((email) => email.primary);
    this.passwordPolicy.assertAcceptable(newPassword, primary?.email ?? '');
    const nextHash = await this.hashingGate.run(() => this.hasher.hash(newPassword));
    if (!(await this.resetTokens.redeem(tokenHash, user.id, new Date())))
      throw new UserKitException('INVALID_RESET_TOKEN');
    // Before the reclaim commits, so no session of the unproven owner outlives it.
    await this.sessions.revokeOthers(user.id, null, 'password_reset');
    // The link proved the mailbox. If nobody had proved it before, whoever registered it may not
    // own it: what they added goes, so the mailbox's owner gets the account alone. A link to an
    // address the account no longer has proves nothing about the account.
    const reclaim =
      live.emailAddressId === null
        ? null
        : await this.unverifiedClaims.verifyAndReclaim(user.id, live.emailAddressId);
    if (reclaim?.outcome === 'gone') throw new UserKitException('INVALID_RESET_TOKEN');
    // One `user.updated` for the reset: the password and what the reclaim dropped.
    await this.updates.setPassword(
      user.id,
      nextHash,
      'reset',
      reclaim?.outcome === 'reclaimed' ? reclaim.changed : [],
    );
    await this.signInAttempts.clear(user.id);
    await this.featureListeners.passwordChanged(user.id);
  }

  private async sendResetLink(email: string): Promise<void> {
    const found = await this.emailAddresses.findRecoverableEmail(normalizeEmail(email));
    if (!found || isBannedAt(found.user)) return;
    await this.deliverResetLink(found.user, found);
  }

  /**
   * A new reset link (single use, one hour) to one of the user's addresses, through the
   * MessageSender: the forgot-password flow's second half, also used when an admin sends it.
   */
  async deliverResetLink(user: User, address: { id: string; email: string }): Promise<void> {
    const base = this.urls.passwordResetUrl();
    if (!base) {
      this.logger.error('Password reset asked, but neither publicUrl nor passwordResetUrl is set');
      return;
    }
    const token = generateSecretToken();
    const expiresAt = new Date(Date.now() + PASSWORD_RESET_TTL_MS);
    await this.resetTokens.create(user.id, address.id, hashSecretToken(token), expiresAt);
    const link = new URL(base);
    link.searchParams.set('token', token);
    await this.delivery.deliver('sendPasswordResetLink', {
      user: recipientOf(user),
      email: address.email,
      link: link.toString(),
      token,
      expiresAt,
    });
  }
}
