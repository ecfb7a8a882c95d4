import { Injectable } from '@nestjs/common';
import { UserKitException } from '../errors/user-kit.exception.js';
import type { SignInMethodCounts } from '../repositories/sign-in-method-counts.js';

/** What is about to be removed from the user. */
export type IdentifierRemoval = { emailAddress: true } | { externalAccount: true };

/**
 * The last-way-to-sign-in rule, in one place for every removal (email addresses here, external
 * accounts in the OAuth work). A password counts while some email address is left to type it with;
 * each external account counts once; phone numbers are not a sign-in method.
 */
@Injectable()
export class SignInMethodsService {
  count(counts: SignInMethodCounts): number {
    const password = counts.hasPassword && counts.emailAddresses > 0 ? 1 : 0;
    return password + counts.externalAccounts;
  }

  /** Throws LAST_SIGN_IN_METHOD when the removal would leave a user who had a way in without one. */
  assertRemovable(counts: SignInMethodCounts, removal: IdentifierRemoval): void {
    const after: SignInMethodCounts =
      'emailAddress' in removal
        ? { ...counts, emailAddresses: counts.emailAddresses - 1 }
        : { ...counts, externalAccounts: counts.externalAccounts - 1 };
    if (this.count(counts) > 0 && this.count(after) === 0)
      throw new UserKitException('LAST_SIGN_IN_METHOD');
  }
}
