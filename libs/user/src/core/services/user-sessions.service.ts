import { Injectable } from '@nestjs/common';
import type { Session } from '../entities/session.entity.js';
import { UserKitException } from '../errors/user-kit.exception.js';
import { UserSessionsRepository } from '../repositories/user-sessions.repository.js';
import { isResourceId } from '../validation/resource-id.js';

/** The signed-in user's own sessions (devices). */
@Injectable()
export class UserSessionsService {
  constructor(private readonly sessions: UserSessionsRepository) {}

  listLive(userId: string): Promise<Session[]> {
    return this.sessions.listLive(userId, new Date());
  }

  /** Revoked at once: its access tokens fail on their next request. Another user's id is a 404. */
  async revoke(userId: string, sessionId: string): Promise<void> {
    if (
      !isResourceId(sessionId) ||
      !(await this.sessions.revokeOwned(userId, sessionId, 'revoked_by_user', new Date()))
    )
      throw new UserKitException('SESSION_NOT_FOUND');
  }

  /** After a password change or reset: every session but `keepSessionId` dies. */
  async revokeOthers(userId: string, keepSessionId: string | null, reason: string): Promise<void> {
    await this.sessions.revokeAllExcept(userId, keepSessionId, reason, new Date());
  }
}
