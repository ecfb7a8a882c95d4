import { EntityManager, raw, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { BackupCode } from '../entities/backup-code.entity.js';
import { TotpCredential } from '../entities/totp-credential.entity.js';
import { TwoFactorChallenge } from '../entities/two-factor-challenge.entity.js';
import { User } from '../../core/entities/user.entity.js';
import type { FirstFactor } from '../../core/extension-points/second-factor.js';

export const MAX_CHALLENGE_ATTEMPTS = 5;

/** TOTP credentials, backup codes and sign-in challenges. */
@Injectable()
export class TwoFactorRepository {
  constructor(private readonly em: EntityManager) {}

  findCredential(userId: string): Promise<TotpCredential | null> {
    return this.em.findOne(TotpCredential, { user: userId }, { refresh: true });
  }

  /**
   * A new enrolment replaces one that was never confirmed. False when a concurrent enrolment (or a
   * confirmed authenticator) holds the user's one row: the unique index decides.
   */
  async replacePending(userId: string, encryptedSecret: string): Promise<boolean> {
    try {
      await this.em.transactional(async (em) => {
        await em.nativeDelete(TotpCredential, { user: userId, confirmedAt: null });
        em.create(TotpCredential, { user: em.getReference(User, userId), encryptedSecret });
        await em.flush();
      });
      return true;
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) return false;
      throw error;
    }
  }

  /**
   * Accepts a TOTP time step once: only a step later than the last accepted one passes, decided by
   * a conditional update (no replay within the code's window, even from parallel requests).
   */
  async useStep(credentialId: string, step: number): Promise<boolean> {
    const changed = await this.em.nativeUpdate(
      TotpCredential,
      { id: credentialId, $or: [{ lastUsedStep: null }, { lastUsedStep: { $lt: step } }] },
      { lastUsedStep: step },
    );
    return changed === 1;
  }

  /** Confirms the credential, turns 2FA on and stores the backup codes' hashes, atomically. */
  async enable(
    userId: string,
    credentialId: string,
    step: number,
    backupCodeHashes: string[],
  ): Promise<boolean> {
    return this.em.transactional(async (em) => {
      const now = new Date();
      const confirmed = await em.nativeUpdate(
        TotpCredential,
        {
          id: credentialId,
          confirmedAt: null,
          $or: [{ lastUsedStep: null }, { lastUsedStep: { $lt: step } }],
        },
        { confirmedAt: now, lastUsedStep: step },
      );
      if (confirmed !== 1) return false;
      await em.nativeUpdate(User, { id: userId }, { twoFactorEnabled: true, updatedAt: now });
      await em.nativeDelete(BackupCode, { user: userId });
      for (const codeHash of backupCodeHashes) {
        em.create(BackupCode, { user: em.getReference(User, userId), codeHash });
      }
      await em.flush();
      return true;
    });
  }

  /** Spends a backup code; false when unknown or already used. */
  async useBackupCode(userId: string, codeHash: string, at: Date): Promise<boolean> {
    const changed = await this.em.nativeUpdate(
      BackupCode,
      { user: userId, codeHash, usedAt: null },
      { usedAt: at },
    );
    return changed === 1;
  }

  /** Inside the caller's transaction: the user's authenticator, backup codes and challenges go. */
  async deleteAllOf(em: EntityManager, userId: string): Promise<void> {
    await em.nativeDelete(TotpCredential, { user: userId });
    await em.nativeDelete(BackupCode, { user: userId });
    await em.nativeDelete(TwoFactorChallenge, { user: userId });
  }

  /** Turns 2FA off and drops its rows; false when it was already off (a parallel request did it). */
  async disable(userId: string): Promise<boolean> {
    return this.em.transactional(async (em) => {
      await this.deleteAllOf(em, userId);
      const changed = await em.nativeUpdate(
        User,
        { id: userId, twoFactorEnabled: true },
        { twoFactorEnabled: false, updatedAt: new Date() },
      );
      return changed === 1;
    });
  }

  async createChallenge(
    userId: string,
    tokenHash: string,
    expiresAt: Date,
    firstFactor: FirstFactor,
  ): Promise<void> {
    this.em.create(TwoFactorChallenge, {
      user: this.em.getReference(User, userId),
      tokenHash,
      expiresAt,
      firstFactor,
    });
    await this.em.flush();
  }

  /** A live challenge (unused, unexpired, tries left) with a try counted; null otherwise. */
  async takeChallengeAttempt(tokenHash: string, now: Date): Promise<TwoFactorChallenge | null> {
    const challenge = await this.em.findOne(TwoFactorChallenge, { tokenHash }, { refresh: true });
    if (!challenge) return null;
    const counted = await this.em.nativeUpdate(
      TwoFactorChallenge,
      {
        id: challenge.id,
        usedAt: null,
        expiresAt: { $gt: now },
        attempts: { $lt: MAX_CHALLENGE_ATTEMPTS },
      },
      { attempts: raw('attempts + 1') },
    );
    return counted === 1 ? challenge : null;
  }

  async consumeChallenge(challengeId: string, at: Date): Promise<boolean> {
    const changed = await this.em.nativeUpdate(
      TwoFactorChallenge,
      { id: challengeId, usedAt: null },
      { usedAt: at },
    );
    return changed === 1;
  }
}
