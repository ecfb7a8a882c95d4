import type { User } from '../entities/user.entity.js';

/**
 * Sends the codes that verify a user's email addresses and phone numbers. Provided by
 * UserContactsModule (which owns the codes and the routes that redeem them); without it the core
 * sends none, and options that need verification (`requireVerifiedEmail`, `identifiers.phone`)
 * stop the start.
 */
export interface IdentifierVerification {
  /**
   * A new identifier was given by the user outside the contacts routes (at sign-up, or the
   * upgrade of an anonymous user): send each unverified address and number its code. Never throws
   * for a message that cannot go (over a sending limit, a failing sender): the user asks again.
   */
  sendCodesFor(user: User): Promise<void>;
}

export const IdentifierVerification = Symbol('UserKit.IdentifierVerification');
