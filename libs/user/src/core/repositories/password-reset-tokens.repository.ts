import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { PasswordResetToken } from '../entities/password-reset-token.entity.js';
import { User } from '../entities/user.entity.js';

@Injectable()
export class PasswordResetTokensRepository {
  constructor(private readonly em: EntityManager) {}

  async create(
    userId: string,
    emailAddressId: string,
    tokenHash: string,
    expiresAt: Date,
  ): Promise<void> {
    this.em.create(PasswordResetToken, {
      user: this.em.getReference(User, userId),
      emailAddressId,
      tokenHash,
      expiresAt,
    });
    await this.em.flush();
  }

  /** The user of a live (unused, unexpired) token and the address it went to, without spending it. */
  async findLive(
    tokenHash: string,
    now: Date,
  ): Promise<{ userId: string; emailAddressId: string | null } | null> {
    const token = await this.em.findOne(
      PasswordResetToken,
      { tokenHash, usedAt: null, expiresAt: { $gt: now } },
      { refresh: true },
    );
    return token ? { userId: token.user.id, emailAddressId: token.emailAddressId } : null;
  }

  /**
   * Spends the token (conditional update: single use even under parallel requests) and every other
   * open token of its user; false when it was used or expired meanwhile.
   */
  async redeem(tokenHash: string, userId: string, now: Date): Promise<boolean> {
    const spent = await this.em.nativeUpdate(
      PasswordResetToken,
      { tokenHash, usedAt: null, expiresAt: { $gt: now } },
      { usedAt: now },
    );
    if (spent !== 1) return false;
    await this.em.nativeUpdate(PasswordResetToken, { user: userId, usedAt: null }, { usedAt: now });
    return true;
  }
}
