import type { EntityManager } from '@mikro-orm/core';
import { EmailAddress } from '../entities/email-address.entity.js';

/**
 * Addresses that speak for a user: verified ones, and the primary (a sign-up's own address).
 * Only these are unique, sign in, receive resets and link by email; an unverified secondary is a
 * mere claim.
 */
export const EMAIL_HOLDS: { $or: Array<{ verified: true } | { primary: true }> } = {
  $or: [{ verified: true }, { primary: true }],
};

/** Whether another user holds this address (verified or as primary): it is taken. */
export async function emailHeldByAnother(
  em: EntityManager,
  normalizedEmail: string,
  userId: string,
): Promise<boolean> {
  const held = await em.count(EmailAddress, {
    normalizedEmail,
    user: { $ne: userId },
    ...EMAIL_HOLDS,
  });
  return held > 0;
}

/** Other users' unverified secondary claims on the address yield to the one who holds it now. */
export async function releaseUnverifiedClaims(
  em: EntityManager,
  normalizedEmail: string,
  holderUserId: string,
): Promise<void> {
  await em.nativeDelete(EmailAddress, {
    normalizedEmail,
    verified: false,
    primary: false,
    user: { $ne: holderUserId },
  });
}
