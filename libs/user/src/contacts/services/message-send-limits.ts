import { UserKitException } from '../../core/errors/user-kit.exception.js';
import type { RateLimitStorage } from '../../core/extension-points/rate-limit-storage.js';
import { hashSecretToken } from '../../core/services/secret-token.js';

/** Verification messages one account may have sent, and one recipient may receive, per hour. */
const MESSAGES_PER_ACCOUNT_PER_HOUR = 10;
const MESSAGES_PER_RECIPIENT_PER_HOUR = 5;
/** Phone numbers (verified or not) one account may hold. */
export const MAX_PHONE_NUMBERS_PER_ACCOUNT = 5;

const HOUR_MS = 60 * 60 * 1000;
const BUCKET = 'userkit-messages';

/**
 * Counts a verification message against its account and its recipient (an address or a number),
 * whatever client asks: rotating addresses cannot pump messages to one (premium) number, and one
 * account cannot spray many. Over either limit: 429 with Retry-After, and nothing is sent.
 */
export async function countMessageToSend(
  storage: RateLimitStorage,
  userId: string | null,
  recipient: string,
): Promise<void> {
  // The recipient first: a message it refuses does not spend the account's quota.
  const limits: Array<readonly [string, number]> = [
    [`to:${hashSecretToken(recipient)}`, MESSAGES_PER_RECIPIENT_PER_HOUR],
  ];
  // Null: a recipient no account is known for yet (a phone sign-in code asked for a number).
  if (userId !== null) limits.push([`account:${userId}`, MESSAGES_PER_ACCOUNT_PER_HOUR]);
  for (const [key, limit] of limits) {
    const record = await storage.increment(key, HOUR_MS, limit, HOUR_MS, BUCKET);
    if (record.isBlocked)
      throw new UserKitException('TOO_MANY_MESSAGES', undefined, {
        retryAfterSeconds: Math.max(1, record.timeToBlockExpire),
      });
  }
}
