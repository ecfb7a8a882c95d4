import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { Session } from '../entities/session.entity.js';

/** A user's own sessions: list, revoke one of them, revoke all (but one). */
@Injectable()
export class UserSessionsRepository {
  constructor(private readonly em: EntityManager) {}

  listLive(userId: string, now: Date): Promise<Session[]> {
    return this.em.find(
      Session,
      { user: userId, revokedAt: null, expiresAt: { $gt: now } },
      { orderBy: { createdAt: 'desc' }, refresh: true },
    );
  }

  /** The user's newest sessions, live and ended (the admin's view). */
  listRecent(userId: string, limit: number): Promise<Session[]> {
    return this.em.find(
      Session,
      { user: userId },
      { orderBy: { createdAt: 'desc', id: 'desc' }, limit, refresh: true },
    );
  }

  /** Every session the user has, live and ended, newest first (their own data export). */
  listAll(userId: string): Promise<Session[]> {
    return this.em.find(
      Session,
      { user: userId },
      { orderBy: { createdAt: 'desc', id: 'desc' }, refresh: true },
    );
  }

  /** Only the owner's live session: another user's id changes nothing (and reads as 404). */
  async revokeOwned(userId: string, sessionId: string, reason: string, at: Date): Promise<boolean> {
    const changed = await this.em.nativeUpdate(
      Session,
      { id: sessionId, user: userId, revokedAt: null, expiresAt: { $gt: at } },
      { revokedAt: at, revokedReason: reason },
    );
    return changed === 1;
  }

  /** The ids of the user's live sessions, but `keepSessionId`. */
  async liveIdsExcept(userId: string, keepSessionId: string | null, now: Date): Promise<string[]> {
    const sessions = await this.em.find(
      Session,
      keepSessionId === null
        ? { user: userId, revokedAt: null, expiresAt: { $gt: now } }
        : { user: userId, revokedAt: null, expiresAt: { $gt: now }, id: { $ne: keepSessionId } },
      { fields: ['id'], disableIdentityMap: true },
    );
    return sessions.map((session) => session.id);
  }

  /** Every session of the user not revoked yet, but `keepSessionId`: the number revoked now. */
  async revokeAllExcept(
    userId: string,
    keepSessionId: string | null,
    reason: string,
    at: Date,
  ): Promise<number> {
    return this.em.nativeUpdate(
      Session,
      keepSessionId === null
        ? { user: userId, revokedAt: null }
        : { user: userId, revokedAt: null, id: { $ne: keepSessionId } },
      { revokedAt: at, revokedReason: reason },
    );
  }
}
