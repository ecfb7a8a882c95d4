/** What proved the user before the second factor: it decides which lock a wrong code counts against. */
export type FirstFactor = 'password' | 'provider' | 'phone_code' | 'email_code' | 'email_link';

/**
 * The second step of a sign-in for a user with 2FA on. Provided by UserTwoFactorModule; the core
 * asks it for a challenge after the first factor passed. Without it, a user with 2FA on cannot
 * sign in (SECOND_FACTOR_UNAVAILABLE): the core never skips a factor the user turned on.
 */
export interface SecondFactor {
  /** A single-use challenge the client answers with a code (`POST /auth/login/2fa`). */
  startChallenge(userId: string, firstFactor: FirstFactor): Promise<string>;
}

export const SecondFactor = Symbol('UserKit.SecondFactor');
