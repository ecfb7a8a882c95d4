import type { User } from '../../core/entities/user.entity.js';
import type { UserErrorCode } from '../../core/errors/error-codes.js';
import type {
  SignInCodeTarget,
  SignInCodesRepository,
} from '../repositories/sign-in-codes.repository.js';

/**
 * What sets sign-in by emailed code apart from sign-in by SMS code; everything else is the
 * SignInCodeFlow they share, so a fix to one (timing, backoff, redemption) reaches both.
 */
export interface SignInCodeChannel<T extends SignInCodeTarget> {
  /** The sign-in method of events, audit records and the second factor's challenge. */
  readonly method: 'email_code' | 'phone_code';
  /** The one answer to every failed code, whatever the reason (which only listeners learn). */
  readonly invalidCode: UserErrorCode;
  /** Names the channel in the log line of a code that could not be sent. */
  readonly logLabel: string;
  /** The key the codes' HMAC is derived under: each channel's codes have a key of their own. */
  readonly keyLabel: string;
  readonly codes: SignInCodesRepository<T>;
  /** Whose failed codes this client backs off from (see SignInAttemptsService). */
  attemptIdentifier(key: string): { phoneNumber: string } | { emailCode: string };
  /** Sends the code to the verified target. */
  deliver(user: User, target: T, key: string, code: string, expiresAt: Date): Promise<void>;
  /**
   * What a target nobody verified gets (email with `passwordless.signUp`): `send` a code that
   * opens an account, `redeem` it into the new (or, after a race, the verified) user or null.
   */
  readonly unknownTarget?: {
    send(key: string): Promise<void>;
    redeem(key: string, code: string): Promise<User | null>;
  };
}
