import type { EntityManager } from '@mikro-orm/core';
import { EmailAddress } from '../entities/email-address.entity.js';
import { ExternalAccount } from '../entities/external-account.entity.js';
import { PhoneNumber } from '../entities/phone-number.entity.js';
import { User } from '../entities/user.entity.js';
import type { UserFeatureListeners } from '../services/user-feature-listeners.js';

/** What the last-way-to-sign-in rule (SignInMethodsService) looks at. */
export interface SignInMethodCounts {
  hasPassword: boolean;
  emailAddresses: number;
  externalAccounts: number;
  /** A username types the password as well as an address does. */
  hasUsername: boolean;
  /** Ways in by SMS code, when the app signs in by phone. */
  verifiedPhoneNumbers: number;
  /** Ways in that feature modules add (each passkey), as their listeners count them. */
  featureMethods: number;
}

/**
 * Read inside the removal's transaction, after `lockUserRow`, so two removals cannot both see
 * "one left". Shared by every identifier removal (email addresses, phones, external accounts,
 * passkeys); `features` adds the ways in of the feature modules the host runs.
 */
export async function countSignInMethods(
  em: EntityManager,
  userId: string,
  features: UserFeatureListeners,
): Promise<SignInMethodCounts> {
  const user = await em.findOneOrFail(User, { id: userId }, { refresh: true });
  return {
    hasPassword: user.passwordHash !== null,
    emailAddresses: await em.count(EmailAddress, { user: userId }),
    // A pending or failed link is no way in.
    externalAccounts: await em.count(ExternalAccount, {
      user: userId,
      verificationStatus: 'verified',
    }),
    hasUsername: user.username !== null,
    verifiedPhoneNumbers: await em.count(PhoneNumber, { user: userId, verified: true }),
    featureMethods: await features.countSignInMethods(em, userId),
  };
}
