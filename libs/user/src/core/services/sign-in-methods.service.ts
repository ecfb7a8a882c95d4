import { Inject, Injectable } from '@nestjs/common';
import { UserKitException } from '../errors/user-kit.exception.js';
import type { ResolvedUserOptions } from '../options/resolved-options.js';
import type { SignInMethodCounts } from '../repositories/sign-in-method-counts.js';
import { USER_OPTIONS } from '../tokens.js';

/** What is about to be removed from the user. */
export type IdentifierRemoval =
  | { emailAddress: true }
  | { externalAccount: true }
  | { username: true }
  | { verifiedPhoneNumber: true }
  /** One way in a feature module gives (a passkey). */
  | { featureMethod: true };

/**
 * The last-way-to-sign-in rule, in one place for every removal (email addresses, usernames,
 * phone numbers, external accounts). A password counts while an email address or a username is
 * left to type it with; each external account counts once; each verified phone number counts
 * when the app signs in by SMS code (`identifiers.phone`), and not otherwise; each way in a
 * feature module adds (a passkey) counts once.
 */
@Injectable()
export class SignInMethodsService {
  constructor(@Inject(USER_OPTIONS) private readonly options: ResolvedUserOptions) {}

  count(counts: SignInMethodCounts): number {
    const typedWith = counts.emailAddresses > 0 || counts.hasUsername;
    const password = counts.hasPassword && typedWith ? 1 : 0;
    const phones = this.options.identifiers.phone === false ? 0 : counts.verifiedPhoneNumbers;
    return password + counts.externalAccounts + phones + counts.featureMethods;
  }

  /** Throws LAST_SIGN_IN_METHOD when the removal would leave a user who had a way in without one. */
  assertRemovable(counts: SignInMethodCounts, removal: IdentifierRemoval): void {
    const after: SignInMethodCounts = { ...counts };
    if ('emailAddress' in removal) after.emailAddresses -= 1;
    else if ('externalAccount' in removal) after.externalAccounts -= 1;
    else if ('username' in removal) after.hasUsername = false;
    else if ('verifiedPhoneNumber' in removal) after.verifiedPhoneNumbers -= 1;
    else after.featureMethods -= 1;
    if (this.count(counts) > 0 && this.count(after) === 0)
      throw new UserKitException('LAST_SIGN_IN_METHOD');
  }
}
