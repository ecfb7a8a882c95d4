import { EntityManager, raw } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { EmailAddress } from '../../core/entities/email-address.entity.js';
import { EMAIL_HOLDS } from '../../core/repositories/email-claims.js';
import {
  EmailSignInToken,
  type EmailSignInTokenKind,
} from '../entities/email-sign-in-token.entity.js';
import { MAX_CODE_ATTEMPTS } from './contacts.repository.js';
import type { SignInCodeRedemption } from './sign-in-codes.repository.js';

export interface NewEmailSignInToken {
  id: string;
  kind: EmailSignInTokenKind;
  tokenHash: string;
  normalizedEmail: string;
  email: string;
  userId: string | null;
  redirectUrl: string | null;
  codeChallenge: string | null;
  expiresAt: Date;
}

/** A link this call spent: whose it is (null: a sign-up), where it returns, how it is bound. */
export interface SpentSignInLink {
  userId: string | null;
  normalizedEmail: string;
  email: string;
  redirectUrl: string;
  codeChallenge: string | null;
}

/** Why a link did not open: spent by another use, or too old. */
export type RefusedSignInLink = { refused: 'link_used' | 'link_expired'; redirectUrl: string };

/** How long spent and expired rows are kept (a reused link still finds its redirect meanwhile). */
const PURGE_AFTER_MS = 24 * 60 * 60 * 1000;

/** Sign-in links and sign-up codes (digests only); single use decided by the database. */
@Injectable()
export class EmailSignInTokensRepository {
  constructor(private readonly em: EntityManager) {}

  /** Whether any account holds the address (verified, or as its primary): no sign-up for it. */
  async addressHeld(normalizedEmail: string): Promise<boolean> {
    return (await this.em.count(EmailAddress, { normalizedEmail, ...EMAIL_HOLDS })) > 0;
  }

  /**
   * A new token; a sign-up code replaces the address's previous one (only the newest works),
   * while links stay independent (each mail's link works until it is used or expires).
   */
  async create(token: NewEmailSignInToken, now: Date): Promise<void> {
    await this.em.transactional(async (em) => {
      await em.nativeDelete(EmailSignInToken, {
        expiresAt: { $lt: new Date(now.getTime() - PURGE_AFTER_MS) },
      });
      if (token.kind === 'sign_up_code')
        await em.nativeDelete(EmailSignInToken, {
          kind: 'sign_up_code',
          normalizedEmail: token.normalizedEmail,
        });
      await em.insert(EmailSignInToken, {
        id: token.id,
        kind: token.kind,
        tokenHash: token.tokenHash,
        normalizedEmail: token.normalizedEmail,
        email: token.email,
        user: token.userId,
        redirectUrl: token.redirectUrl,
        codeChallenge: token.codeChallenge,
        attempts: 0,
        expiresAt: token.expiresAt,
        usedAt: null,
        createdAt: now,
      });
    });
  }

  /**
   * Spends the link: of parallel uses exactly one gets it. Null: no link has this digest. A link
   * already used or expired answers why, with the redirect its flow asked for.
   */
  async spendLink(
    tokenHash: string,
    now: Date,
  ): Promise<SpentSignInLink | RefusedSignInLink | null> {
    const spent = await this.em.nativeUpdate(
      EmailSignInToken,
      { tokenHash, kind: 'link', usedAt: null, expiresAt: { $gt: now } },
      { usedAt: now },
    );
    const row = await this.em.findOne(
      EmailSignInToken,
      { tokenHash, kind: 'link' },
      { refresh: true },
    );
    if (!row || row.redirectUrl === null) return null;
    if (spent !== 1)
      return {
        refused: row.usedAt !== null ? 'link_used' : 'link_expired',
        redirectUrl: row.redirectUrl,
      };
    return {
      userId: row.user?.id ?? null,
      normalizedEmail: row.normalizedEmail,
      email: row.email,
      redirectUrl: row.redirectUrl,
      codeChallenge: row.codeChallenge,
    };
  }

  /**
   * The address's sign-up code: a try is counted before the comparison (parallel guesses cannot
   * pass the limit), and the code is spent by a conditional update (exactly one winner).
   */
  async redeemSignUpCode(
    normalizedEmail: string,
    now: Date,
    matches: (codeId: string, codeHash: string) => boolean,
  ): Promise<{ outcome: SignInCodeRedemption; email: string | null }> {
    const code = await this.em.findOne(
      EmailSignInToken,
      { kind: 'sign_up_code', normalizedEmail, usedAt: null },
      { refresh: true, orderBy: { createdAt: 'desc' } },
    );
    if (!code) return { outcome: 'no_code', email: null };
    const counted = await this.em.nativeUpdate(
      EmailSignInToken,
      {
        id: code.id,
        usedAt: null,
        attempts: { $lt: MAX_CODE_ATTEMPTS },
        expiresAt: { $gt: now },
      },
      { attempts: raw('attempts + 1') },
    );
    if (counted !== 1) return { outcome: 'exhausted', email: null };
    if (!matches(code.id, code.tokenHash)) return { outcome: 'wrong_code', email: null };
    const spent = await this.em.nativeUpdate(
      EmailSignInToken,
      { id: code.id, usedAt: null },
      { usedAt: now },
    );
    return spent === 1
      ? { outcome: 'redeemed', email: code.email }
      : { outcome: 'wrong_code', email: null };
  }
}
