import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { EmailAddress } from '../entities/email-address.entity.js';
import type { User } from '../entities/user.entity.js';
import { EMAIL_HOLDS, releaseUnverifiedClaims } from './email-claims.js';

/**
 * The core's own uses of the email address table: where a reset link may go, and the claims that
 * yield once an address has a holder. Adding and verifying more addresses is the contacts module's.
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
}
