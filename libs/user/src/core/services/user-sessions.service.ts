import { Injectable } from '@nestjs/common';
import type { Session } from '../entities/session.entity.js';
import { UserKitException } from '../errors/user-kit.exception.js';
import type { SessionRevokedReason } from '../events/user-kit-events.js';
import { UserSessionsRepository } from '../repositories/user-sessions.repository.js';
import { UsersRepository } from '../repositories/users.repository.js';
import { isResourceId } from '../validation/resource-id.js';
import { SessionRevocationService } from './session-revocation.service.js';

/** How many sessions the admin's list shows: the newest, live and ended. */
export const ADMIN_SESSION_LIST_LIMIT = 50;

/** A user's sessions (devices): the user's own, and an admin's view of them. */
@Injectable()
export class UserSessionsService {
  constructor(
    private readonly sessions: UserSessionsRepository,
    private readonly revocation: SessionRevocationService,
    private readonly users: UsersRepository,
  ) {}

  listLive(userId: string): Promise<Session[]> {
    return this.sessions.listLive(userId, new Date());
  }

  /** Live and ended, newest first: what the user's own data export lists. */
  listAllOwn(userId: string): Promise<Session[]> {
    return this.sessions.listAll(userId);
  }

  /** Revoked at once: its access tokens fail on their next request. Another user's id is a 404. */
  async revoke(userId: string, sessionId: string): Promise<void> {
    if (!isResourceId(sessionId) || !(await this.revocation.revokeOwnSession(userId, sessionId)))
      throw new UserKitException('SESSION_NOT_FOUND');
  }

  /** The admin's view: the user's newest sessions, ended ones included. Unknown user: 404. */
  async listOfUser(userId: string): Promise<Session[]> {
    if (!(await this.users.exists(userId))) throw new UserKitException('USER_NOT_FOUND');
    return this.sessions.listRecent(userId, ADMIN_SESSION_LIST_LIMIT);
  }

  /** An admin ends one live session of the user (`admin_revoked`); another user's id is a 404. */
  async revokeOfUser(userId: string, sessionId: string): Promise<void> {
    if (!(await this.users.exists(userId))) throw new UserKitException('USER_NOT_FOUND');
    if (
      !isResourceId(sessionId) ||
      !(await this.revocation.revokeOwnSession(userId, sessionId, 'admin_revoked'))
    )
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
