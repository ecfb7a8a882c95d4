import { Inject, Injectable } from '@nestjs/common';
import { UserKitException } from '../errors/user-kit.exception.js';
import { UserEventsPublisher, userKitEvent } from '../events/user-events.publisher.js';
import type { UserDeletionCause } from '../events/user-kit-events.js';
import { ADMIN_ROLE } from '../options/built-in-roles.js';
import type { ResolvedUserOptions } from '../options/resolved-options.js';
import { UsersRepository } from '../repositories/users.repository.js';
import { USER_OPTIONS } from '../tokens.js';
import { UserFeatureListeners } from './user-feature-listeners.js';

/**
 * The one way a user goes: its rows (sessions and refresh tokens too) go with it in one
 * transaction, so its tokens stop at once. After the commit: `session.revoked` (`deleted`) when it
 * had sessions not revoked before, then `user.deleted` (recorded in that transaction by a
 * transactional event sink).
 */
@Injectable()
export class UserDeletionService {
  constructor(
    @Inject(USER_OPTIONS) private readonly options: ResolvedUserOptions,
    private readonly users: UsersRepository,
    private readonly events: UserEventsPublisher,
    private readonly features: UserFeatureListeners,
  ) {}

  /**
   * 404 for an unknown user; the last admin stays (LAST_ADMIN); a feature module may refuse
   * (ORGANIZATION_OWNER_REQUIRED). `cause` is what `user.deleted` tells: `admin` unless the user
   * asked themselves.
   */
  async delete(userId: string, cause: UserDeletionCause = 'admin'): Promise<void> {
    const outcome = await this.remove(userId, cause);
    if (outcome === 'not_found') throw new UserKitException('USER_NOT_FOUND');
    if (outcome === 'last_admin')
      throw new UserKitException('LAST_ADMIN', 'The last admin cannot be deleted');
  }

  /**
   * `DELETE /me` (the route checked the recent sign-in): refused when the host turned
   * `selfDeletion` off, and for the last admin, who would leave the app without one.
   */
  async deleteOwn(userId: string): Promise<void> {
    if (!this.options.selfDeletion) throw new UserKitException('SELF_DELETION_DISABLED');
    const outcome = await this.remove(userId, 'self');
    // Deleted meanwhile (a second tab, an admin): the session that asked is gone with it.
    if (outcome === 'not_found') throw new UserKitException('NOT_SIGNED_IN');
    if (outcome === 'last_admin')
      throw new UserKitException(
        'LAST_ADMIN',
        'You are the last admin: make another user an admin before deleting your account',
      );
  }

  private async remove(
    userId: string,
    cause: UserDeletionCause,
  ): Promise<'deleted' | 'not_found' | 'last_admin'> {
    const done = await this.events.commit(
      () =>
        this.users.deleteUnlessLastAdmin(userId, ADMIN_ROLE, (em) =>
          this.features.userDeleting(em, userId),
        ),
      (deleted) =>
        deleted.outcome !== 'deleted'
          ? []
          : [
              ...deleted.part.events,
              ...(deleted.liveSessions > 0
                ? [userKitEvent('session.revoked', { userId, sessionId: null, reason: 'deleted' })]
                : []),
              userKitEvent('user.deleted', { userId, cause }),
            ],
    );
    if (done.outcome === 'refused') throw done.part.refusal;
    if (done.outcome === 'deleted') await done.part.afterCommit();
    return done.outcome;
  }
}
