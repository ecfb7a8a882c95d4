import { Injectable } from '@nestjs/common';
import type { JsonObject, User } from '../entities/user.entity.js';
import { UserKitException } from '../errors/user-kit.exception.js';
import type { MetadataField } from '../repositories/user-moderation.repository.js';
import { UsersRepository } from '../repositories/users.repository.js';
import { metadataProblem } from '../validation/json-metadata.js';
import { deepMergeMetadata } from './metadata-merge.js';
import { ProfileAttributesService, type AttributeView } from './profile-attributes.service.js';
import { SessionRevocationService } from './session-revocation.service.js';
import { UserUpdateService } from './user-update.service.js';

export interface AdminUserView {
  user: User;
  attributes: AttributeView;
}

export type MetadataPatch = Partial<Record<MetadataField, JsonObject>>;

/** Ban, unban and metadata merges: what admins do to a user beyond editing it. */
@Injectable()
export class UserModerationService {
  constructor(
    private readonly updates: UserUpdateService,
    private readonly revocation: SessionRevocationService,
    private readonly users: UsersRepository,
    private readonly attributes: ProfileAttributesService,
  ) {}

  /**
   * Banned: every session dies now, and sign-in answers exactly as for a wrong password. The flag
   * is set first, so a sign-in racing the ban cannot open a session that outlives it (the guard
   * refuses banned users' sessions too). With `bannedUntil`, the ban stops blocking at that time
   * on its own (see isBannedAt); banning again replaces the reason and the end.
   */
  async ban(
    userId: string,
    actingAdminId: string,
    options: { reason?: string; bannedUntil?: string } = {},
  ): Promise<AdminUserView> {
    if (userId === actingAdminId) throw new UserKitException('CANNOT_BAN_SELF');
    const until = options.bannedUntil === undefined ? null : new Date(options.bannedUntil);
    if (until !== null && until.getTime() <= Date.now())
      throw new UserKitException('VALIDATION_FAILED', ['bannedUntil must be in the future']);
    const details = { reason: options.reason ?? null, until };
    if (!(await this.updates.setBanned(userId, true, details)))
      throw new UserKitException('USER_NOT_FOUND');
    return this.getFull(userId);
  }

  async unban(userId: string): Promise<AdminUserView> {
    if (!(await this.updates.setBanned(userId, false)))
      throw new UserKitException('USER_NOT_FOUND');
    return this.getFull(userId);
  }

  /**
   * Every session of the user ends now (a lost device, a leaked token): its access tokens are
   * refused at the next request on every instance, its refresh tokens too. The user may sign in
   * again (a ban is what keeps them out).
   */
  async revokeSessions(userId: string): Promise<void> {
    if (!(await this.users.exists(userId))) throw new UserKitException('USER_NOT_FOUND');
    await this.revocation.revokeAllOfUser(userId, 'admin_revoked');
  }

  /** Deep merge per object; `null` deletes a key. The result must still be valid metadata. */
  async mergeMetadata(userId: string, patch: MetadataPatch): Promise<AdminUserView> {
    const written = await this.updates.update(userId, (user) => {
      const changes: MetadataPatch = {};
      const problems: string[] = [];
      for (const field of ['publicMetadata', 'privateMetadata', 'unsafeMetadata'] as const) {
        const fieldPatch = patch[field];
        if (fieldPatch === undefined) continue;
        const current = user[field] ?? {};
        const next = deepMergeMetadata(current, fieldPatch);
        const problem = metadataProblem(next);
        if (problem) problems.push(`${field} after the merge ${problem}`);
        if (JSON.stringify(next) !== JSON.stringify(current)) changes[field] = next;
      }
      if (problems.length > 0) throw new UserKitException('METADATA_INVALID', problems);
      return { changes, changed: Object.keys(changes), result: undefined };
    });
    if (written === null) throw new UserKitException('USER_NOT_FOUND');
    return this.getFull(userId);
  }

  /** The admin's view of the user after the change, attributes included. */
  async getFull(userId: string): Promise<AdminUserView> {
    const [user, schema] = await Promise.all([
      this.users.findFullById(userId),
      this.attributes.loadSchema(),
    ]);
    if (!user) throw new UserKitException('USER_NOT_FOUND');
    return { user, attributes: this.attributes.view(user, 'admin', schema) };
  }
}
