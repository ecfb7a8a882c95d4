import { Injectable } from '@nestjs/common';
import {
  UserEventsPublisher,
  userKitEvent,
  type UserKitEvent,
} from '../events/user-events.publisher.js';
import type { SessionRevokedReason } from '../events/user-kit-events.js';
import { SessionsRepository } from '../repositories/sessions.repository.js';
import { UserSessionsRepository } from '../repositories/user-sessions.repository.js';
import { RevokedSessions } from './revoked-sessions.js';

/**
 * The one way sessions end, whatever the cause: each call records the reason on the rows and
 * emits `session.revoked` once, only when it revoked something (a second logout is silent); a
 * transactional event sink records it in the revocation's own transaction. With stateless sessions
 * and a revocation broadcast, the ended sessions' ids are announced to every instance.
 */
@Injectable()
export class SessionRevocationService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly userSessions: UserSessionsRepository,
    private readonly events: UserEventsPublisher,
    private readonly revokedSessions: RevokedSessions,
  ) {}

  /**
   * One session, whoever owns it: true when this call revoked it. `userId` when the caller knows
   * the owner already (it is read otherwise, for the event).
   */
  async revokeSession(
    sessionId: string,
    reason: SessionRevokedReason,
    userId?: string,
  ): Promise<boolean> {
    const owner = userId ?? (await this.sessions.ownerOf(sessionId));
    if (owner === null) return false;
    const count = await this.events.commit(
      () => this.sessions.revoke(sessionId, reason, new Date()),
      (revoked) => revokedEvents(revoked, owner, sessionId, reason),
    );
    if (count > 0) this.revokedSessions.announce([sessionId]);
    return count > 0;
  }

  /**
   * One live session of this user's (the user's own request, or an admin's); false when it is not
   * theirs (or not live).
   */
  async revokeOwnSession(
    userId: string,
    sessionId: string,
    reason: Extract<SessionRevokedReason, 'revoked_by_user' | 'admin_revoked'> = 'revoked_by_user',
  ): Promise<boolean> {
    const revoked = await this.events.commit(
      () => this.userSessions.revokeOwned(userId, sessionId, reason, new Date()),
      (ended) => revokedEvents(ended ? 1 : 0, userId, sessionId, reason),
    );
    if (revoked) this.revokedSessions.announce([sessionId]);
    return revoked;
  }

  /** Every session of the user, but `keepSessionId` when given: the number revoked. */
  async revokeAllOfUser(
    userId: string,
    reason: SessionRevokedReason,
    keepSessionId: string | null = null,
  ): Promise<number> {
    // Which sessions end, for the broadcast: read first only when there is one. A session opened
    // between the read and the write is still revoked in the database (its next refresh fails).
    const ending = this.revokedSessions.broadcasting
      ? await this.userSessions.liveIdsExcept(userId, keepSessionId, new Date())
      : [];
    const count = await this.events.commit(
      () => this.userSessions.revokeAllExcept(userId, keepSessionId, reason, new Date()),
      (revoked) => revokedEvents(revoked, userId, null, reason),
    );
    if (count > 0) this.revokedSessions.announce(ending);
    return count;
  }
}

/** `session.revoked` when the write revoked any session, else no event. */
function revokedEvents(
  count: number,
  userId: string,
  sessionId: string | null,
  reason: SessionRevokedReason,
): UserKitEvent[] {
  return count > 0 ? [userKitEvent('session.revoked', { userId, sessionId, reason })] : [];
}
