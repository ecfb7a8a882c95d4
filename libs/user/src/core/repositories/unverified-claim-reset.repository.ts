import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { EmailAddress } from '../entities/email-address.entity.js';
import { ExternalAccount } from '../entities/external-account.entity.js';
import { PhoneNumber } from '../entities/phone-number.entity.js';
import { User } from '../entities/user.entity.js';
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
   * user-written metadata. 'reclaimed' comes with what changed (names for `user.updated`). 'gone'
   * when the address is no longer the user's, or another user holds it.
   */
  async verifyAndReclaim(
    userId: string,
    emailAddressId: string,
  ): Promise<
    { outcome: 'reclaimed'; changed: string[] } | { outcome: 'already_verified' | 'gone' }
  > {
    return this.em.transactional(async (em) => {
      await lockUserRow(em, userId);
      const address = await em.findOne(
        EmailAddress,
        { id: emailAddressId, user: userId },
        { refresh: true },
      );
      if (!address) return { outcome: 'gone' as const };
      // Another user holds it now (a sign-up or upgrade took it while it was a mere claim here).
      if (await emailHeldByAnother(em, address.normalizedEmail, userId))
        return { outcome: 'gone' as const };
      if (address.verified) return { outcome: 'already_verified' as const };
      const user = await em.findOneOrFail(User, { id: userId }, { refresh: true });
      // The address becomes verified (and primary): the addresses always change.
      const changed = ['emailAddresses'];
      // The others first: one of them may hold the primary mark meanwhile.
      await em.nativeDelete(EmailAddress, { user: userId, id: { $ne: emailAddressId } });
      await em.nativeUpdate(
        EmailAddress,
        { id: emailAddressId },
        { verified: true, primary: true },
      );
      if ((await em.nativeDelete(PhoneNumber, { user: userId })) > 0) changed.push('phoneNumbers');
      if ((await em.nativeDelete(ExternalAccount, { user: userId })) > 0)
        changed.push('externalAccounts');
      // The feature modules drop what the unproven owner added through them (2FA, pending codes, ...).
      changed.push(...(await this.featureListeners.accountReclaimed(em, userId)));
      await em.nativeUpdate(
        User,
        { id: userId },
        { twoFactorEnabled: false, unsafeMetadata: {}, updatedAt: new Date() },
      );
      if (user.twoFactorEnabled) changed.push('twoFactorEnabled');
      if (Object.keys(user.unsafeMetadata ?? {}).length > 0) changed.push('unsafeMetadata');
      return { outcome: 'reclaimed' as const, changed };
    });
  }
}
