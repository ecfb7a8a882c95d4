import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { isBannedAt } from '../../core/entities/ban-state.js';
import { EmailAddress } from '../../core/entities/email-address.entity.js';
import { VerificationCode } from '../entities/verification-code.entity.js';
import { countCodeAttempt } from './contacts.repository.js';
import type { SignInCodeRedemption } from './phone-sign-in-codes.repository.js';

/** A verified address and whose it is: where an email sign-in code may go. */
export interface SignInEmail {
  emailId: string;
  /** As the user typed it (where the message goes). */
  email: string;
  userId: string;
  banned: boolean;
}

/** The codes that sign in with a verified email address (purpose `sign_in` of the codes table). */
@Injectable()
export class EmailSignInCodesRepository {
  constructor(private readonly em: EntityManager) {}

  /** The verified address (normalized) and its user; null for an address nobody verified. */
  async findVerified(normalizedEmail: string): Promise<SignInEmail | null> {
    const address = await this.em.findOne(
      EmailAddress,
      { normalizedEmail, verified: true },
      { populate: ['user'], refresh: true },
    );
    return address
      ? {
          emailId: address.id,
          email: address.email,
          userId: address.user.id,
          banned: isBannedAt(address.user),
        }
      : null;
  }

  /** A new code replaces the address's previous sign-in code: only the newest one works. */
  async replace(
    address: SignInEmail,
    codeId: string,
    codeHash: string,
    expiresAt: Date,
  ): Promise<void> {
    await this.em.transactional(async (em) => {
      await em.nativeDelete(VerificationCode, {
        emailAddress: address.emailId,
        purpose: 'sign_in',
      });
      await em.insert(VerificationCode, {
        id: codeId,
        user: address.userId,
        emailAddress: address.emailId,
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
    emailId: string,
    now: Date,
    matches: (codeId: string, codeHash: string) => boolean,
  ): Promise<SignInCodeRedemption> {
    const code = await this.em.findOne(
      VerificationCode,
      { emailAddress: emailId, purpose: 'sign_in', consumedAt: null },
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
