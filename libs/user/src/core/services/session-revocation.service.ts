import { Injectable } from '@nestjs/common';
import { UserEventsPublisher } from '../events/user-events.publisher.js';
import type { SessionRevokedReason } from '../events/user-kit-events.js';
import { SessionsRepository } from '../repositories/sessions.repository.js';
import { UserSessionsRepository } from '../repositories/user-sessions.repository.js';

/**
 * The one way sessions end, whatever the cause: each call records the reason on the rows and
 * emits `session.revoked` once, only when it revoked something (a second logout is silent).
 */
@Injectable()
export class SessionRevocationService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly userSessions: UserSessionsRepository,
    private readonly events: UserEventsPublisher,
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
    const revoked = (await this.sessions.revoke(sessionId, reason, new Date())) > 0;
    if (revoked) this.announce(owner, sessionId, reason);
    return revoked;
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
    const revoked = await this.userSessions.revokeOwned(userId, sessionId, reason, new Date());
    if (revoked) this.announce(userId, sessionId, reason);
    return revoked;
  }

  /** Every session of the user, but `keepSessionId` when given: the number revoked. */
  async revokeAllOfUser(
    userId: string,
    reason: SessionRevokedReason,
    keepSessionId: string | null = null,
  ): Promise<number> {
    const count = await this.userSessions.revokeAllExcept(
      userId,
      keepSessionId,
      reason,
      new Date(),
    );
    if (count > 0) this.announce(userId, null, reason);
    return count;
  }

  /**
   * Sessions another write already ended with its own commit (a deleted user's go by cascade, in
   * the delete's transaction): only told, once, when there were any.
   */
  endedWith(userId: string, count: number, reason: SessionRevokedReason): void {
    if (count > 0) this.announce(userId, null, reason);
  }

  private announce(userId: string, sessionId: string | null, reason: SessionRevokedReason): void {
    this.events.emit('session.revoked', { userId, sessionId, reason });
  }
}
