import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { RefreshToken } from '../entities/refresh-token.entity.js';
import { newId } from '../entities/new-id.js';
import { Session } from '../entities/session.entity.js';
import type { User } from '../entities/user.entity.js';

export interface NewSessionRecord {
  user: User;
  userAgent: string | null;
  ip: string | null;
  expiresAt: Date;
  refreshTokenHash: string;
}

/** lastUsedAt is written at most this often per session, to keep reads from turning into writes. */
export const TOUCH_INTERVAL_MS = 60_000;

@Injectable()
export class SessionsRepository {
  constructor(private readonly em: EntityManager) {}

  async create(record: NewSessionRecord): Promise<Session> {
    return this.em.transactional(async (em) => {
      const session = em.create(Session, {
        user: record.user,
        userAgent: record.userAgent,
        ip: record.ip,
        expiresAt: record.expiresAt,
      });
      em.create(RefreshToken, { session, tokenHash: record.refreshTokenHash });
      await em.flush();
      return session;
    });
  }

  findRefreshToken(tokenHash: string): Promise<RefreshToken | null> {
    return this.em.findOne(
      RefreshToken,
      { tokenHash },
      { populate: ['session', 'session.user'], refresh: true },
    );
  }

  /**
   * Marks the token used and issues its successor in one transaction. The conditional update is
   * the race's referee: of two concurrent refreshes exactly one sees a row change.
   */
  async rotate(
    tokenId: string,
    sessionId: string,
    nextTokenHash: string,
    at: Date,
  ): Promise<boolean> {
    return this.em.transactional(async (em) => {
      const changed = await em.nativeUpdate(
        RefreshToken,
        { id: tokenId, usedAt: null },
        { usedAt: at },
      );
      if (changed !== 1) return false;
      await em.insert(RefreshToken, {
        id: newId(),
        session: sessionId,
        tokenHash: nextTokenHash,
        createdAt: at,
        usedAt: null,
      });
      await em.nativeUpdate(Session, { id: sessionId }, { lastUsedAt: at });
      return true;
    });
  }

  /** A live session (not revoked, not expired) of this user, with the user and its roles. */
  findActive(sessionId: string, userId: string, now: Date): Promise<Session | null> {
    return this.em.findOne(
      Session,
      { id: sessionId, user: userId, revokedAt: null, expiresAt: { $gt: now } },
      // Each request has its own ORM context, so no refresh is needed. Not the 'joined' strategy:
      // on SQLite its date hydration marks entities dirty and a later auto-flush rewrites them.
      { populate: ['user', 'user.roles'] },
    );
  }

  async touch(sessionId: string, now: Date): Promise<void> {
    await this.em.nativeUpdate(
      Session,
      { id: sessionId, lastUsedAt: { $lt: new Date(now.getTime() - TOUCH_INTERVAL_MS) } },
      { lastUsedAt: now },
    );
  }

  /** The number of sessions revoked now (0 when it was already revoked). */
  async revoke(sessionId: string, reason: string, at: Date): Promise<number> {
    return this.em.nativeUpdate(
      Session,
      { id: sessionId, revokedAt: null },
      { revokedAt: at, revokedReason: reason },
    );
  }

  async revokeAllOfUser(userId: string, reason: string, at: Date): Promise<number> {
    return this.em.nativeUpdate(
      Session,
      { user: userId, revokedAt: null },
      { revokedAt: at, revokedReason: reason },
    );
  }
}
