import { Injectable } from '@nestjs/common';
import { UserKitException } from '../errors/user-kit.exception.js';
import { UserEventsPublisher, userKitEvent } from '../events/user-events.publisher.js';
import { ADMIN_ROLE } from '../options/built-in-roles.js';
import { UsersRepository } from '../repositories/users.repository.js';

/**
 * The one way a user goes: its rows (sessions and refresh tokens too) go with it in one
 * transaction, so its tokens stop at once. After the commit: `session.revoked` (`deleted`) when it
 * had sessions not revoked before, then `user.deleted` (recorded in that transaction by a
 * transactional event sink).
 */
@Injectable()
export class UserDeletionService {
  constructor(
    private readonly users: UsersRepository,
    private readonly events: UserEventsPublisher,
  ) {}

  /** 404 for an unknown user; the last admin stays (LAST_ADMIN). */
  async delete(userId: string): Promise<void> {
    const deleted = await this.events.commit(
      () => this.users.deleteUnlessLastAdmin(userId, ADMIN_ROLE),
      (done) =>
        done.outcome !== 'deleted'
          ? []
          : [
              ...(done.liveSessions > 0
                ? [userKitEvent('session.revoked', { userId, sessionId: null, reason: 'deleted' })]
                : []),
              userKitEvent('user.deleted', { userId }),
            ],
    );
    if (deleted.outcome === 'not_found') throw new UserKitException('USER_NOT_FOUND');
    if (deleted.outcome === 'last_admin')
      throw new UserKitException('LAST_ADMIN', 'The last admin cannot be deleted');
  }
}
