import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { EmailAddress } from '../entities/email-address.entity.js';
import { ExternalAccount } from '../entities/external-account.entity.js';
import { PhoneNumber } from '../entities/phone-number.entity.js';
import { User } from '../entities/user.entity.js';
import { VerificationCode } from '../../contacts/entities/verification-code.entity.js';
import { emailHeldByAnother } from './email-claims.js';
import { lockUserRow } from '../sql/user-row-lock.js';
import { UserFeatureListeners } from '../services/user-feature-listeners.js';

/**
 * A reset link used from an address nobody had verified: the one who proved the mailbox takes
 * the account over as it was before anyone could prove anything (the pre-account hijack).
 */
@Injectable()
export class UnverifiedClaimResetRepository {
  constructor(
    private readonly em: EntityManager,
    private readonly featureListeners: UserFeatureListeners,
  ) {}

  /**
   * In one transaction: if the address is still unverified, verify it and make it primary, and
   * drop what the unproven owner added: other addresses and phones, external accounts, 2FA, the
   * user-written metadata. 'gone' when the address is no longer the user's, or another user holds it.
   */
  async verifyAndReclaim(
    userId: string,
    emailAddressId: string,
  ): Promise<'reclaimed' | 'already_verified' | 'gone'> {
    return this.em.transactional(async (em) => {
      await lockUserRow(em, userId);
      const address = await em.findOne(
        EmailAddress,
        { id: emailAddressId, user: userId },
        { refresh: true },
      );
      if (!address) return 'gone';
      // Another user holds it now (a sign-up or upgrade took it while it was a mere claim here).
      if (await emailHeldByAnother(em, address.normalizedEmail, userId)) return 'gone';
      if (address.verified) return 'already_verified';
      // The others first: one of them may hold the primary mark meanwhile.
      await em.nativeDelete(EmailAddress, { user: userId, id: { $ne: emailAddressId } });
      await em.nativeUpdate(
        EmailAddress,
        { id: emailAddressId },
        { verified: true, primary: true },
      );
      await em.nativeDelete(PhoneNumber, { user: userId });
      await em.nativeDelete(VerificationCode, { user: userId });
      await em.nativeDelete(ExternalAccount, { user: userId });
      // The feature modules' rows (2FA, ...), in this transaction.
      await this.featureListeners.accountReclaimed(em, userId);
      await em.nativeUpdate(User, { id: userId }, { twoFactorEnabled: false, unsafeMetadata: {} });
      return 'reclaimed' as const;
    });
  }
}
