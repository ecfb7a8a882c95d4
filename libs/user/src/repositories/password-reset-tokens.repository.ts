import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { PasswordResetToken } from '../entities/password-reset-token.entity.js';
import { User } from '../entities/user.entity.js';

@Injectable()
export class PasswordResetTokensRepository {
  constructor(private readonly em: EntityManager) {}

  async create(userId: string, tokenHash: string, expiresAt: Date): Promise<void> {
    this.em.create(PasswordResetToken, {
      user: this.em.getReference(User, userId),
      tokenHash,
      expiresAt,
    });
    await this.em.flush();
  }

  /**
   * Spends the token (conditional update: single use even under parallel requests) and every other
   * open token of its user; answers the user id, or null when unknown, used or expired.
   */
  async redeem(tokenHash: string, now: Date): Promise<string | null> {
    const token = await this.em.findOne(PasswordResetToken, { tokenHash }, { refresh: true });
    if (!token) return null;
    const userId = token.user.id;
    const spent = await this.em.nativeUpdate(
      PasswordResetToken,
      { id: token.id, usedAt: null, expiresAt: { $gt: now } },
      { usedAt: now },
    );
    if (spent !== 1) return null;
    await this.em.nativeUpdate(PasswordResetToken, { user: userId, usedAt: null }, { usedAt: now });
    return userId;
  }
}
