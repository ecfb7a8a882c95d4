import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { EmailAddress } from '../entities/email-address.entity.js';
import type { User } from '../entities/user.entity.js';
import { EMAIL_HOLDS, releaseUnverifiedClaims } from './email-claims.js';

/**
 * The core's own uses of the email address table: where a reset link may go, and the claims that
 * yield once an address has a holder, an admin's verification. Adding and verifying more addresses
 * by code is the contacts module's.
 */
@Injectable()
export class EmailAddressesRepository {
  constructor(private readonly em: EntityManager) {}

  /** The address a reset link may go to: verified, or the primary one (the sign-up address). */
  async findRecoverableEmail(
    normalizedEmail: string,
  ): Promise<{ id: string; email: string; user: User } | null> {
    const row = await this.em.findOne(
      EmailAddress,
      { normalizedEmail, ...EMAIL_HOLDS },
      { populate: ['user'] },
    );
    return row ? { id: row.id, email: row.email, user: row.user } : null;
  }

  /** Unverified secondary claims of others on the address yield to its new holder. */
  async releaseUnverifiedClaims(normalizedEmail: string, holderUserId: string): Promise<void> {
    await releaseUnverifiedClaims(this.em, normalizedEmail, holderUserId);
  }

  /**
   * An admin vouches for one of the user's addresses: verified without a code, and others' mere
   * claims on it yield. The partial unique index decides a race with another holder ('taken',
   * rolled back); 'not_found' when the user has no such address.
   */
  async verifyByAdmin(
    userId: string,
    emailAddressId: string,
  ): Promise<
    { outcome: 'verified'; email: string } | { outcome: 'already_verified' | 'not_found' | 'taken' }
  > {
    try {
      return await this.em.transactional(async (em) => {
        const row = await em.findOne(
          EmailAddress,
          { id: emailAddressId, user: userId },
          { refresh: true },
        );
        if (!row) return { outcome: 'not_found' as const };
        if (row.verified) return { outcome: 'already_verified' as const };
        const changed = await em.nativeUpdate(
          EmailAddress,
          { id: row.id, verified: false },
          { verified: true },
        );
        if (changed !== 1) return { outcome: 'already_verified' as const };
        await releaseUnverifiedClaims(em, row.normalizedEmail, userId);
        return { outcome: 'verified' as const, email: row.email };
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) return { outcome: 'taken' };
      throw error;
    }
  }
}
