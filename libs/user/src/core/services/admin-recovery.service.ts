import { Inject, Injectable } from '@nestjs/common';
import { UserKitException } from '../errors/user-kit.exception.js';
import { PasswordHasher } from '../extension-points/password-hasher.js';
import { EmailAddressesRepository } from '../repositories/email-addresses.repository.js';
import { UsersRepository } from '../repositories/users.repository.js';
import type { User } from '../entities/user.entity.js';
import { HashingGate } from './hashing-gate.js';
import { PasswordPolicyService } from './password-policy.service.js';
import { PasswordsService } from './passwords.service.js';
import { SessionRevocationService } from './session-revocation.service.js';
import { SignInAttemptsService } from './sign-in-attempts.service.js';
import { UserFeatureListeners } from './user-feature-listeners.js';
import { UserUpdateService } from './user-update.service.js';

/**
 * What an admin does for a user who cannot get in: send a reset link, set a password, vouch for
 * an address. Each goes through the one write path, so its events name the admin as the actor.
 */
@Injectable()
export class AdminRecoveryService {
  constructor(
    @Inject(PasswordHasher) private readonly hasher: PasswordHasher,
    private readonly users: UsersRepository,
    private readonly emailAddresses: EmailAddressesRepository,
    private readonly passwords: PasswordsService,
    private readonly passwordPolicy: PasswordPolicyService,
    private readonly hashingGate: HashingGate,
    private readonly revocation: SessionRevocationService,
    private readonly signInAttempts: SignInAttemptsService,
    private readonly featureListeners: UserFeatureListeners,
    private readonly updates: UserUpdateService,
  ) {}

  /** The forgot-password message, to the user's primary address (the user redeems the link). */
  async sendPasswordReset(userId: string): Promise<void> {
    const user = await this.load(userId);
    const primary = user.emailAddresses.getItems().find((email) => email.primary);
    if (!primary) throw new UserKitException('NO_EMAIL_ADDRESS');
    await this.passwords.deliverResetLink(user, primary);
  }

  /**
   * The password policy applies as for the user's own choice. Every session of the user ends
   * (whoever held one may have known the old password), and the sign-in lock lifts, as after a
   * reset by link.
   */
  async setPassword(userId: string, password: string): Promise<void> {
    const user = await this.load(userId);
    const primary = user.emailAddresses.getItems().find((email) => email.primary);
    this.passwordPolicy.assertAcceptable(password, primary?.email ?? '');
    const passwordHash = await this.hashingGate.run(() => this.hasher.hash(password));
    await this.updates.setPassword(user.id, passwordHash, 'admin');
    await this.revocation.revokeAllOfUser(user.id, 'admin_revoked');
    await this.signInAttempts.clear(user.id);
    await this.featureListeners.passwordChanged(user.id);
  }

  /** Verified without a code: `emailAddress.verified` and `user.updated`, the admin as the actor. */
  async verifyEmail(userId: string, emailAddressId: string): Promise<void> {
    if (!(await this.users.exists(userId))) throw new UserKitException('USER_NOT_FOUND');
    const result = await this.updates.identifierChangedBy(
      'email',
      'verified',
      () => this.emailAddresses.verifyByAdmin(userId, emailAddressId),
      (done) =>
        done.outcome === 'verified'
          ? { userId, identifierId: emailAddressId, value: done.email }
          : null,
    );
    if (result.outcome === 'not_found') throw new UserKitException('EMAIL_ADDRESS_NOT_FOUND');
    if (result.outcome === 'already_verified') throw new UserKitException('ALREADY_VERIFIED');
    if (result.outcome === 'taken') throw new UserKitException('EMAIL_TAKEN');
  }

  private async load(userId: string): Promise<User> {
    const user = await this.users.findFullById(userId);
    if (!user) throw new UserKitException('USER_NOT_FOUND');
    return user;
  }
}
