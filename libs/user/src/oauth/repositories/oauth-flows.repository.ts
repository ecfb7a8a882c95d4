import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { OAuthExchangeCode } from '../entities/oauth-exchange-code.entity.js';
import { OAuthLinkIntent } from '../entities/oauth-link-intent.entity.js';
import { OAuthState } from '../entities/oauth-state.entity.js';
import type { ExchangedSignIn } from '../../core/extension-points/sign-in-exchange.js';

export interface NewOAuthStateRecord {
  stateHash: string;
  provider: string;
  browserHash: string;
  redirectUrl: string;
  linkUserId: string | null;
  linkSessionId: string | null;
  linkAccountId: string | null;
  codeChallenge: string | null;
  expiresAt: Date;
}

export interface NewExchangeCodeRecord {
  codeHash: string;
  userId: string;
  /** Null for a code another feature issued (`signInMethod`). */
  provider: string | null;
  signInMethod?: 'oauth' | ExchangedSignIn;
  browserHash: string;
  codeChallenge: string | null;
  expiresAt: Date;
}

/** A spent exchange code: whose it is, and what binds it to the browser that started the flow. */
export interface SpentExchangeCode {
  userId: string;
  provider: string | null;
  signInMethod: 'oauth' | ExchangedSignIn;
  browserHash: string | null;
  codeChallenge: string | null;
}

export interface NewLinkIntentRecord {
  tokenHash: string;
  userId: string;
  sessionId: string;
  provider: string;
  redirectUrl: string;
  browserHash: string;
  externalAccountId: string;
  expiresAt: Date;
}

/** How long spent and expired rows are kept (replays still find their redirect meanwhile). */
const PURGE_AFTER_MS = 60 * 60 * 1000;

/**
 * The one-time values of OAuth round trips. Single use is decided by the database: a conditional
 * update of `usedAt` changes one row for exactly one caller, on every app instance.
 */
@Injectable()
export class OAuthFlowsRepository {
  constructor(private readonly em: EntityManager) {}

  async createState(record: NewOAuthStateRecord): Promise<void> {
    this.em.create(OAuthState, {
      stateHash: record.stateHash,
      provider: record.provider,
      browserHash: record.browserHash,
      redirectUrl: record.redirectUrl,
      linkUser: record.linkUserId,
      linkSessionId: record.linkSessionId,
      linkAccountId: record.linkAccountId,
      codeChallenge: record.codeChallenge,
      expiresAt: record.expiresAt,
    });
    await this.em.flush();
  }

  /** Marks the state used; `fresh` is true only for the one caller that did. */
  async consumeState(
    stateHash: string,
    now: Date,
  ): Promise<{ state: OAuthState | null; fresh: boolean }> {
    const changed = await this.em.nativeUpdate(
      OAuthState,
      { stateHash, usedAt: null },
      { usedAt: now },
    );
    const state = await this.em.findOne(
      OAuthState,
      { stateHash },
      { refresh: true, populate: ['linkUser'] },
    );
    return { state, fresh: changed === 1 };
  }

  /**
   * What a form-post provider sent besides the code, kept on the flow's state until its GET
   * callback: only on a state not used yet, and only once (the first post wins).
   */
  async keepCallbackPayload(stateHash: string, payload: string, now: Date): Promise<void> {
    await this.em.nativeUpdate(
      OAuthState,
      { stateHash, usedAt: null, callbackPayload: null, expiresAt: { $gt: now } },
      { callbackPayload: payload },
    );
  }

  /** Where the last flow this browser started wanted to return (for errors without a state). */
  async latestRedirectOfBrowser(browserHash: string): Promise<string | null> {
    const state = await this.em.findOne(
      OAuthState,
      { browserHash },
      { orderBy: { createdAt: 'desc' }, fields: ['redirectUrl'] },
    );
    return state?.redirectUrl ?? null;
  }

  async createLinkIntent(record: NewLinkIntentRecord): Promise<void> {
    this.em.create(OAuthLinkIntent, {
      tokenHash: record.tokenHash,
      user: record.userId,
      sessionId: record.sessionId,
      provider: record.provider,
      redirectUrl: record.redirectUrl,
      browserHash: record.browserHash,
      externalAccountId: record.externalAccountId,
      expiresAt: record.expiresAt,
    });
    await this.em.flush();
  }

  /** The intent if this call spent it (unused and unexpired), else null. */
  async consumeLinkIntent(tokenHash: string, now: Date): Promise<OAuthLinkIntent | null> {
    const changed = await this.em.nativeUpdate(
      OAuthLinkIntent,
      { tokenHash, usedAt: null, expiresAt: { $gt: now } },
      { usedAt: now },
    );
    if (changed !== 1) return null;
    return this.em.findOne(OAuthLinkIntent, { tokenHash }, { refresh: true });
  }

  async createExchangeCode(record: NewExchangeCodeRecord): Promise<void> {
    this.em.create(OAuthExchangeCode, {
      codeHash: record.codeHash,
      user: record.userId,
      provider: record.provider,
      signInMethod: record.signInMethod ?? 'oauth',
      browserHash: record.browserHash,
      codeChallenge: record.codeChallenge,
      expiresAt: record.expiresAt,
    });
    await this.em.flush();
  }

  /** The code if this call spent it (unused and unexpired), else null. */
  async consumeExchangeCode(codeHash: string, now: Date): Promise<SpentExchangeCode | null> {
    const changed = await this.em.nativeUpdate(
      OAuthExchangeCode,
      { codeHash, usedAt: null, expiresAt: { $gt: now } },
      { usedAt: now },
    );
    if (changed !== 1) return null;
    const row = await this.em.findOne(OAuthExchangeCode, { codeHash }, { refresh: true });
    if (!row) return null;
    return {
      userId: row.user.id,
      provider: row.provider,
      signInMethod: row.signInMethod,
      browserHash: row.browserHash,
      codeChallenge: row.codeChallenge,
    };
  }

  /**
   * Ends the user's link round trips not finished yet (after a password reset or change): an
   * intent or a started state taken from a session that may be the thief's links nothing.
   */
  async endPendingLinks(userId: string, now: Date): Promise<void> {
    await this.em.nativeUpdate(OAuthLinkIntent, { user: userId, usedAt: null }, { usedAt: now });
    await this.em.nativeUpdate(OAuthState, { linkUser: userId, usedAt: null }, { usedAt: now });
  }

  async purgeExpired(now: Date): Promise<void> {
    const before = new Date(now.getTime() - PURGE_AFTER_MS);
    await this.em.nativeDelete(OAuthState, { expiresAt: { $lt: before } });
    await this.em.nativeDelete(OAuthLinkIntent, { expiresAt: { $lt: before } });
    await this.em.nativeDelete(OAuthExchangeCode, { expiresAt: { $lt: before } });
  }
}
