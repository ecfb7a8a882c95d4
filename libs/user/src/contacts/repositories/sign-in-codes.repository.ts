import type { EntityManager } from '@mikro-orm/core';
import { VerificationCode } from '../entities/verification-code.entity.js';
import { countCodeAttempt } from './contacts.repository.js';

export type SignInCodeRedemption = 'redeemed' | 'wrong_code' | 'exhausted' | 'no_code';

/** A verified target (address or number) and whose it is: where a sign-in code may go. */
export interface SignInCodeTarget {
  /** The id of the address or number row the code is kept against. */
  targetId: string;
  userId: string;
  banned: boolean;
}

/** A new code as stored: only its HMAC, never the code itself. */
export interface NewSignInCode {
  id: string;
  codeHash: string;
  expiresAt: Date;
}

/**
 * The sign-in codes (purpose `sign_in` of the codes table) of one kind of target. Email and phone
 * codes differ only in the column that ties a code to its target and in how a verified target is
 * found, so each channel's repository names its column and its lookup and shares the rest.
 */
export abstract class SignInCodesRepository<T extends SignInCodeTarget> {
  protected abstract readonly column: 'emailAddress' | 'phoneNumber';

  constructor(protected readonly em: EntityManager) {}

  /** The verified target for what the user typed (normalized); null when nobody verified it. */
  abstract findVerified(key: string): Promise<T | null>;

  /** A new code replaces the target's previous sign-in code: only the newest one works. */
  async replace(target: T, code: NewSignInCode): Promise<void> {
    await this.em.transactional(async (em) => {
      await em.nativeDelete(VerificationCode, { ...this.byTarget(target), purpose: 'sign_in' });
      await em.insert(VerificationCode, {
        id: code.id,
        user: target.userId,
        ...this.byTarget(target),
        purpose: 'sign_in',
        codeHash: code.codeHash,
        attempts: 0,
        expiresAt: code.expiresAt,
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
    target: T,
    now: Date,
    matches: (codeId: string, codeHash: string) => boolean,
  ): Promise<SignInCodeRedemption> {
    const code = await this.em.findOne(
      VerificationCode,
      { ...this.byTarget(target), purpose: 'sign_in', consumedAt: null },
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

  private byTarget(target: T) {
    return this.column === 'emailAddress'
      ? { emailAddress: target.targetId }
      : { phoneNumber: target.targetId };
  }
}
