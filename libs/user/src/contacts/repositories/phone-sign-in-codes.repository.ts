import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { PhoneNumber } from '../../core/entities/phone-number.entity.js';
import { VerificationCode } from '../entities/verification-code.entity.js';
import { countCodeAttempt } from './contacts.repository.js';
import { isBannedAt } from '../../core/entities/ban-state.js';

/** A verified number and whose it is: where a sign-in code may go. */
export interface SignInPhone {
  phoneId: string;
  userId: string;
  banned: boolean;
}

export type SignInCodeRedemption = 'redeemed' | 'wrong_code' | 'exhausted' | 'no_code';

/** The codes that sign in with a verified phone number (purpose `sign_in` of the codes table). */
@Injectable()
export class PhoneSignInCodesRepository {
  constructor(private readonly em: EntityManager) {}

  /** The verified number (E.164) and its user; null for a number nobody verified. */
  async findVerified(phoneNumber: string): Promise<SignInPhone | null> {
    const phone = await this.em.findOne(
      PhoneNumber,
      { phoneNumber, verified: true },
      { populate: ['user'], refresh: true },
    );
    return phone
      ? { phoneId: phone.id, userId: phone.user.id, banned: isBannedAt(phone.user) }
      : null;
  }

  /** A new code replaces the number's previous sign-in code: only the newest one works. */
  async replace(
    phone: SignInPhone,
    codeId: string,
    codeHash: string,
    expiresAt: Date,
  ): Promise<void> {
    await this.em.transactional(async (em) => {
      await em.nativeDelete(VerificationCode, { phoneNumber: phone.phoneId, purpose: 'sign_in' });
      await em.insert(VerificationCode, {
        id: codeId,
        user: phone.userId,
        phoneNumber: phone.phoneId,
        purpose: 'sign_in',
        codeHash,
        attempts: 0,
        expiresAt,
        consumedAt: null,
        createdAt: new Date(),
      });
    });
  }

  /**
   * A try is counted before the code is compared (parallel guesses cannot pass the limit), and the
   * code is spent by a conditional update: of parallel redemptions of one code exactly one wins.
   */
  async redeem(
    phoneId: string,
    now: Date,
    matches: (codeId: string, codeHash: string) => boolean,
  ): Promise<SignInCodeRedemption> {
    const code = await this.em.findOne(
      VerificationCode,
      { phoneNumber: phoneId, purpose: 'sign_in', consumedAt: null },
      { refresh: true, orderBy: { createdAt: 'desc' } },
    );
    if (!code) return 'no_code';
    if (!(await countCodeAttempt(this.em, code.id, now))) return 'exhausted';
    if (!matches(code.id, code.codeHash)) return 'wrong_code';
    const consumed = await this.em.nativeUpdate(
      VerificationCode,
      { id: code.id, consumedAt: null },
      { consumedAt: now },
    );
    return consumed === 1 ? 'redeemed' : 'wrong_code';
  }
}
