import { Injectable } from '@nestjs/common';
import type { Session } from '../entities/session.entity.js';
import { UserKitException } from '../errors/user-kit.exception.js';
import type { SessionRevokedReason } from '../events/user-kit-events.js';
import { UserSessionsRepository } from '../repositories/user-sessions.repository.js';
import { isResourceId } from '../validation/resource-id.js';
import { SessionRevocationService } from './session-revocation.service.js';

/** The signed-in user's own sessions (devices). */
@Injectable()
export class UserSessionsService {
  constructor(
    private readonly sessions: UserSessionsRepository,
    private readonly revocation: SessionRevocationService,
  ) {}

  listLive(userId: string): Promise<Session[]> {
    return this.sessions.listLive(userId, new Date());
  }

  /** Revoked at once: its access tokens fail on their next request. Another user's id is a 404. */
  async revoke(userId: string, sessionId: string): Promise<void> {
    if (!isResourceId(sessionId) || !(await this.revocation.revokeOwnSession(userId, sessionId)))
      throw new UserKitException('SESSION_NOT_FOUND');
  }

  /**
   * Every session but `keepSessionId` dies: after a password change or reset, or when the user
   * asks to sign out everywhere else (`revoked_by_user`).
   */
  async revokeOthers(
    userId: string,
    keepSessionId: string | null,
    reason: SessionRevokedReason,
  ): Promise<void> {
    await this.revocation.revokeAllOfUser(userId, reason, keepSessionId);
  }
}
