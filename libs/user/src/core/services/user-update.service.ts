import { Injectable } from '@nestjs/common';
import type { User } from '../entities/user.entity.js';
import type { AttributeDefinition } from '../entities/attribute-definition.entity.js';
import { UserEventsPublisher } from '../events/user-events.publisher.js';
import type { IdentifierEvent, PasswordChangedEvent } from '../events/user-kit-events.js';
import {
  LockedUserUpdateRepository,
  type LockedUserChanges,
} from '../repositories/locked-user-update.repository.js';
import { UserModerationRepository } from '../repositories/user-moderation.repository.js';
import { UsersRepository } from '../repositories/users.repository.js';
import { SessionRevocationService } from './session-revocation.service.js';

/** What a locked update writes (`changes`), names for listeners (`changed`), and hands back. */
export interface ComputedUpdate<Result> {
  changes: LockedUserChanges;
  /** What `user.updated` names: `displayName`, `customAttributes.plan`, ... (empty: no event). */
  changed: string[];
  result: Result;
}

/**
 * The one way an existing user changes: every write here emits `user.updated` naming what
 * changed, after the commit, and only when something did. A ban also ends every session.
 */
@Injectable()
export class UserUpdateService {
  constructor(
    private readonly lockedUpdate: LockedUserUpdateRepository,
    private readonly moderation: UserModerationRepository,
    private readonly users: UsersRepository,
    private readonly revocation: SessionRevocationService,
    private readonly events: UserEventsPublisher,
  ) {}

  /**
   * Read-modify-write under the user's row lock, so concurrent writes of different attributes all
   * land; `compute` may throw to roll back. Null when the user does not exist. With the names of
   * the custom attributes written (`customAttributes`), `compute` gets the attribute definitions
   * read in the same transaction (see LockedUserUpdateRepository) to check them against.
   */
  async update<Result>(
    userId: string,
    compute: (user: User, definitions: AttributeDefinition[] | null) => ComputedUpdate<Result>,
    options: { customAttributes?: readonly string[] } = {},
  ): Promise<{ changed: string[]; result: Result } | null> {
    const written = await this.lockedUpdate.update(
      userId,
      (user, definitions) => {
        const computed = compute(user, definitions);
        return { changes: computed.changes, result: computed };
      },
      options,
    );
    if (written === null) return null;
    const { changed, result } = written.result;
    this.updated(userId, changed);
    return { changed, result };
  }

  /**
   * The flag first, then the sessions: a sign-in racing the ban cannot open a session that
   * outlives it. False when the user does not exist.
   */
  async setBanned(userId: string, banned: boolean): Promise<boolean> {
    if (!(await this.moderation.setBanned(userId, banned))) return false;
    this.events.emit(banned ? 'user.banned' : 'user.unbanned', { userId });
    this.updated(userId, ['banned']);
    if (banned) await this.revocation.revokeAllOfUser(userId, 'banned');
    return true;
  }

  /** Replaces the user's roles; refused (nothing written) when it would leave no admin. */
  async replaceRoles(
    userId: string,
    roleNames: string[],
    adminRole: string,
  ): ReturnType<UsersRepository['replaceRoles']> {
    const outcome = await this.users.replaceRoles(userId, roleNames, adminRole);
    if (outcome === 'replaced') {
      this.events.emit('user.rolesChanged', { userId, roles: [...roleNames] });
      this.updated(userId, ['roles']);
    }
    return outcome;
  }

  /** Adds one role (a no-op when the user has it). */
  async addRole(userId: string, roleName: string): Promise<void> {
    if (!(await this.users.addRole(userId, roleName))) return;
    if (this.events.listening) {
      const roles = (await this.users.findFullById(userId))?.roles.getItems() ?? [];
      this.events.emit('user.rolesChanged', { userId, roles: roles.map((role) => role.name) });
    }
    this.updated(userId, ['roles']);
  }

  /**
   * A new password the user chose (a change or a reset); a rehash of the same one is not a change.
   * `via`: a `change` (with the current password) or a `reset` (by a link), for
   * `password.changed`. `alsoChanged`: what the same action changed before (a reset's reclaim),
   * named in one `user.updated`.
   */
  async setPassword(
    userId: string,
    passwordHash: string,
    via: PasswordChangedEvent['via'],
    alsoChanged: readonly string[] = [],
  ): Promise<void> {
    await this.users.setPasswordHash(userId, passwordHash);
    this.events.emit('password.changed', { userId, via });
    this.updated(userId, ['password', ...alsoChanged]);
  }

  /** Anonymous → real account in place (see UsersRepository.upgradeAnonymous). */
  async upgradeAnonymous(
    userId: string,
    email: string,
    passwordHash: string,
    fromRole: string,
    toRole: string,
  ): ReturnType<UsersRepository['upgradeAnonymous']> {
    const outcome = await this.users.upgradeAnonymous(
      userId,
      email,
      passwordHash,
      fromRole,
      toRole,
    );
    if (outcome === 'upgraded')
      this.updated(userId, ['isAnonymous', 'emailAddresses', 'roles', 'password']);
    return outcome;
  }

  /**
   * A provider account became a way into the user (committed by the OAuth module):
   * `externalAccount.linked`, then `user.updated` naming `externalAccounts`.
   */
  externalAccountLinked(userId: string, provider: string, providerUserId: string): void {
    this.events.emit('externalAccount.linked', { userId, provider, providerUserId });
    this.updated(userId, ['externalAccounts']);
  }

  /** The user removed a provider account (committed): `externalAccount.unlinked`, `user.updated`. */
  externalAccountUnlinked(userId: string, provider: string, providerUserId: string): void {
    this.events.emit('externalAccount.unlinked', { userId, provider, providerUserId });
    this.updated(userId, ['externalAccounts']);
  }

  /**
   * Two-factor sign-in was turned on or off (committed by UserTwoFactorModule):
   * `twoFactor.enabled` / `.disabled`, then `user.updated` naming `twoFactorEnabled`.
   */
  twoFactorChanged(userId: string, enabled: boolean): void {
    this.events.emit(enabled ? 'twoFactor.enabled' : 'twoFactor.disabled', {
      userId,
      method: 'totp',
    });
    this.updated(userId, ['twoFactorEnabled']);
  }

  /** A two-factor backup code was spent (committed by UserTwoFactorModule). */
  backupCodeUsed(userId: string): void {
    this.events.emit('twoFactor.backupCodeUsed', { userId });
  }

  /**
   * An email address or phone number was added, verified or removed (committed by
   * UserContactsModule): `emailAddress.<action>` / `phoneNumber.<action>`, then `user.updated`
   * naming `emailAddresses` / `phoneNumbers`.
   */
  identifierChanged(
    kind: 'email' | 'phone',
    action: 'added' | 'verified' | 'removed',
    identifier: IdentifierEvent,
  ): void {
    this.events.emit(`${kind === 'email' ? 'emailAddress' : 'phoneNumber'}.${action}`, {
      ...identifier,
    });
    this.updated(identifier.userId, [kind === 'email' ? 'emailAddresses' : 'phoneNumbers']);
  }

  /**
   * A write committed elsewhere (a feature module's own tables: addresses, phones, external
   * accounts, 2FA) that changed what the user's views show: `user.updated` naming it, once. Call
   * it after the commit, and only when the write changed something; empty `changes` emit nothing.
   */
  changed(userId: string, changes: readonly string[]): void {
    this.updated(userId, changes);
  }

  private updated(userId: string, changes: readonly string[]): void {
    if (changes.length > 0) this.events.emit('user.updated', { userId, changes: [...changes] });
  }
}
