import { Injectable } from '@nestjs/common';
import { isBannedAt } from '../entities/ban-state.js';
import { UserKitException } from '../errors/user-kit.exception.js';
import { ADMIN_ROLE } from '../options/built-in-roles.js';
import { UsersRepository } from '../repositories/users.repository.js';
import type { IssuedTokens } from './issued-tokens.js';
import type { RequestMeta } from './request-meta.js';
import { SessionsService } from './sessions.service.js';

/** An impersonation session lives an hour at most; its refresh never passes that end. */
export const IMPERSONATION_TTL_SECONDS = 60 * 60;

/**
 * An admin signs in as a user to see what they see (support, debugging): a session of the user
 * marked with the admin as its actor, an hour at most, refused on the user's sensitive routes
 * (@RefusedWhileImpersonating()), every action evented with the admin as `context.actorId`.
 */
@Injectable()
export class ImpersonationService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
  ) {}

  async start(adminId: string, userId: string, meta: RequestMeta): Promise<IssuedTokens> {
    const user = await this.users.findFullById(userId);
    if (!user) throw new UserKitException('USER_NOT_FOUND');
    // Never an admin (yourself included): the session would carry another admin's powers.
    if (user.id === adminId || user.roles.getItems().some((role) => role.name === ADMIN_ROLE))
      throw new UserKitException('CANNOT_IMPERSONATE_ADMIN');
    // Its session would be refused at once: say why instead.
    if (isBannedAt(user)) throw new UserKitException('USER_BANNED');
    return this.sessions.openImpersonation(user, adminId, meta, IMPERSONATION_TTL_SECONDS);
  }
}
