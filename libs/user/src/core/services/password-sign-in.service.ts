import { Inject, Injectable, Optional } from '@nestjs/common';
import { UserKitException } from '../errors/user-kit.exception.js';
import { SecondFactor, type FirstFactor } from '../extension-points/second-factor.js';
import { AccountsService, PASSWORD_ONLY } from './accounts.service.js';
import { LegacyUserMigrationService } from './legacy-user-migration.service.js';
import type { IssuedTokens } from './issued-tokens.js';
import type { RequestMeta } from './request-meta.js';
import type { SignInIdentifier } from '../repositories/users.repository.js';

export type PasswordSignInOutcome =
  | { twoFactorRequired: false; tokens: IssuedTokens }
  | { twoFactorRequired: true; challenge: string };

/**
 * `POST /auth/login`: the password, then (when the user turned it on) the challenge of the second
 * factor, which UserTwoFactorModule provides and completes (`POST /auth/login/2fa`). The account's
 * failed-attempt count is cleared only when every factor passed.
 */
@Injectable()
export class PasswordSignInService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly legacyUsers: LegacyUserMigrationService,
    @Optional() @Inject(SecondFactor) private readonly secondFactor?: SecondFactor,
  ) {}

  /** `identifier`: an email address (a string, or `{ email }`) or `{ username }`. */
  async signIn(
    identifier: string | SignInIdentifier,
    password: string,
    meta: RequestMeta,
  ): Promise<PasswordSignInOutcome> {
    // With the host's LegacyUserStore: a legacy user signing in for the first time is made here.
    await this.legacyUsers.migrateOnSignIn(identifier, password, meta.ip);
    const user = await this.accounts.verifyPassword(identifier, password, meta.ip);
    if (!user.twoFactorEnabled) {
      const tokens = await this.accounts.signedInWithPassword(user, meta, PASSWORD_ONLY);
      return { twoFactorRequired: false, tokens };
    }
    return { twoFactorRequired: true, challenge: await this.startTwoFactor(user.id, 'password') };
  }

  /**
   * The first factor passed (a password, or a provider): the challenge for the second. Without a
   * SecondFactor (no UserTwoFactorModule) a user with 2FA on is refused, never let in on one factor.
   */
  async startTwoFactor(userId: string, firstFactor: FirstFactor): Promise<string> {
    if (!this.secondFactor) throw new UserKitException('SECOND_FACTOR_UNAVAILABLE');
    return this.secondFactor.startChallenge(userId, firstFactor);
  }
}
