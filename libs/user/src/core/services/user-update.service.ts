import { Injectable } from '@nestjs/common';
import type { User } from '../entities/user.entity.js';
import type { AttributeDefinition } from '../entities/attribute-definition.entity.js';
import {
  UserEventsPublisher,
  userKitEvent,
  type UserKitEvent,
} from '../events/user-events.publisher.js';
import type {
  IdentifierEvent,
  PasskeyEvent,
  PasswordChangedEvent,
} from '../events/user-kit-events.js';
import {
  LockedUserUpdateRepository,
  type LockedUserChanges,
} from '../repositories/locked-user-update.repository.js';
import {
  UserModerationRepository,
  type BanDetails,
} from '../repositories/user-moderation.repository.js';
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
 * changed, after the commit, and only when something did (with a transactional event sink, the
 * event is recorded in the write's own transaction). A ban also ends every session.
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
    const written = await this.events.commit(
      () =>
        this.lockedUpdate.update(
          userId,
          (user, definitions) => {
            const computed = compute(user, definitions);
            return { changes: computed.changes, result: computed };
          },
          options,
        ),
      (done) => updated(userId, done?.result.changed ?? []),
    );
    if (written === null) return null;
    const { changed, result } = written.result;
    return { changed, result };
  }

  /**
   * The flag first, then the sessions: a sign-in racing the ban cannot open a session that
   * outlives it. `details`: the ban's reason and end (an unban clears them). False when the user
   * does not exist.
   */
  async setBanned(userId: string, banned: boolean, details?: BanDetails): Promise<boolean> {
    const found = await this.events.commit(
      () => this.moderation.setBanned(userId, banned, details),
      (done) =>
        done
          ? [
              userKitEvent(banned ? 'user.banned' : 'user.unbanned', { userId }),
              ...updated(userId, ['banned']),
            ]
          : [],
    );
    if (!found) return false;
    if (banned) await this.revocation.revokeAllOfUser(userId, 'banned');
    return true;
  }

  /** Replaces the user's roles; refused (nothing written) when it would leave no admin. */
  async replaceRoles(
    userId: string,
    roleNames: string[],
    adminRole: string,
  ): ReturnType<UsersRepository['replaceRoles']> {
    return this.events.commit(
      () => this.users.replaceRoles(userId, roleNames, adminRole),
      (outcome) =>
        outcome === 'replaced'
          ? [
              userKitEvent('user.rolesChanged', { userId, roles: [...roleNames] }),
              ...updated(userId, ['roles']),
            ]
          : [],
    );
  }

  /** Adds one role (a no-op when the user has it). */
  async addRole(userId: string, roleName: string): Promise<void> {
    // The roles after the addition, read in the same transaction; null: the user had it.
    await this.events.commit(
      async () => {
        if (!(await this.users.addRole(userId, roleName))) return null;
        const user = await this.users.findFullById(userId);
        return user?.roles.getItems().map((role) => role.name) ?? [roleName];
      },
      (roles) =>
        roles
          ? [userKitEvent('user.rolesChanged', { userId, roles }), ...updated(userId, ['roles'])]
          : [],
    );
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
    await this.events.commit(
      () => this.users.setPasswordHash(userId, passwordHash),
      () => [
        userKitEvent('password.changed', { userId, via }),
        ...updated(userId, ['password', ...alsoChanged]),
      ],
    );
  }

  /** Anonymous → real account in place (see UsersRepository.upgradeAnonymous). */
  async upgradeAnonymous(
    userId: string,
    email: string,
    passwordHash: string,
    fromRole: string,
    toRole: string,
  ): ReturnType<UsersRepository['upgradeAnonymous']> {
    return this.events.commit(
      () => this.users.upgradeAnonymous(userId, email, passwordHash, fromRole, toRole),
      (outcome) =>
        outcome === 'upgraded'
          ? updated(userId, ['isAnonymous', 'emailAddresses', 'roles', 'password'])
          : [],
    );
  }

  /**
   * A provider account became a way into the user (committed by the OAuth module):
   * `externalAccount.linked`, then `user.updated` naming `externalAccounts`.
   */
  async externalAccountLinked(
    userId: string,
    provider: string,
    providerUserId: string,
  ): Promise<void> {
    await this.events.report([
      userKitEvent('externalAccount.linked', { userId, provider, providerUserId }),
      ...updated(userId, ['externalAccounts']),
    ]);
  }

  /** The user removed a provider account (committed): `externalAccount.unlinked`, `user.updated`. */
  async externalAccountUnlinked(
    userId: string,
    provider: string,
    providerUserId: string,
  ): Promise<void> {
    await this.events.report([
      userKitEvent('externalAccount.unlinked', { userId, provider, providerUserId }),
      ...updated(userId, ['externalAccounts']),
    ]);
  }

  /**
   * Two-factor sign-in turned on or off by `write` (UserTwoFactorModule's tables), in one
   * transaction with a sink: `twoFactor.enabled` / `.disabled`, then `user.updated` naming
   * `twoFactorEnabled`, when `done` says the write changed it.
   */
  twoFactorChangedBy<Result>(
    userId: string,
    enabled: boolean,
    write: () => Promise<Result>,
    done: (result: Result) => boolean,
  ): Promise<Result> {
    return this.events.commit(write, (result) =>
      done(result)
        ? [
            userKitEvent(enabled ? 'twoFactor.enabled' : 'twoFactor.disabled', {
              userId,
              method: 'totp',
            }),
            ...updated(userId, ['twoFactorEnabled']),
          ]
        : [],
    );
  }

  /** A two-factor backup code was spent (committed by UserTwoFactorModule). */
  async backupCodeUsed(userId: string): Promise<void> {
    await this.events.report([userKitEvent('twoFactor.backupCodeUsed', { userId })]);
  }

  /** An email address or phone number was added (committed): see `identifierChangedBy`. */
  async identifierChanged(
    kind: 'email' | 'phone',
    action: 'added' | 'verified' | 'removed',
    identifier: IdentifierEvent,
  ): Promise<void> {
    await this.identifierChangedBy(
      kind,
      action,
      async () => identifier,
      (done) => done,
    );
  }

  /**
   * An email address or phone number added, verified or removed by `write` (UserContactsModule's
   * tables), in one transaction with a sink: `emailAddress.<action>` / `phoneNumber.<action>`,
   * then `user.updated` naming `emailAddresses` / `phoneNumbers`, for the identifier `identifierOf`
   * names (null: the write changed nothing).
   */
  identifierChangedBy<Result>(
    kind: 'email' | 'phone',
    action: 'added' | 'verified' | 'removed',
    write: () => Promise<Result>,
    identifierOf: (result: Result) => IdentifierEvent | null,
  ): Promise<Result> {
    return this.events.commit(write, (result) => {
      const identifier = identifierOf(result);
      if (!identifier) return [];
      return [
        userKitEvent(`${kind === 'email' ? 'emailAddress' : 'phoneNumber'}.${action}`, {
          ...identifier,
        }),
        ...updated(identifier.userId, [kind === 'email' ? 'emailAddresses' : 'phoneNumbers']),
      ];
    });
  }

  /**
   * A passkey added or removed by `write` (UserPasskeysModule's table), in one transaction with a
   * sink: `passkey.<action>`, then `user.updated` naming `passkeys`, for the passkey `passkeyOf`
   * names (null: the write changed nothing).
   */
  passkeyChangedBy<Result>(
    action: 'added' | 'removed',
    write: () => Promise<Result>,
    passkeyOf: (result: Result) => PasskeyEvent | null,
  ): Promise<Result> {
    return this.events.commit(write, (result) => {
      const passkey = passkeyOf(result);
      if (!passkey) return [];
      return [
        userKitEvent(`passkey.${action}`, { ...passkey }),
        ...updated(passkey.userId, ['passkeys']),
      ];
    });
  }

  /**
   * A write committed elsewhere (a feature module's own tables: addresses, phones, external
   * accounts, 2FA) that changed what the user's views show: `user.updated` naming it, once. Call
   * it after the commit, and only when the write changed something; empty `changes` emit nothing.
   * A transactional event sink records it in a transaction of its own, right after that commit:
   * use `changedBy` to record it in the write's own transaction instead.
   */
  async changed(userId: string, changes: readonly string[]): Promise<void> {
    await this.events.report(updated(userId, changes));
  }

  /**
   * A write that changed many users' views (a schema change moving or filling values): one
   * `user.updated` per user naming all it changed, in the write's transaction with a sink.
   */
  changedManyBy<Result>(
    write: () => Promise<Result>,
    changesOf: (result: Result) => ReadonlyArray<readonly [string, readonly string[]]>,
  ): Promise<Result> {
    return this.events.commit(write, (result) => {
      const byUser = new Map<string, string[]>();
      for (const [userId, names] of changesOf(result))
        byUser.set(userId, [...(byUser.get(userId) ?? []), ...names]);
      return [...byUser].flatMap(([userId, names]) => updated(userId, names));
    });
  }

  /**
   * A feature's write and its `user.updated`, in one transaction when a sink records events:
   * `changesOf` names what the write's result changed (empty: nothing, no event).
   */
  changedBy<Result>(
    userId: string,
    write: () => Promise<Result>,
    changesOf: (result: Result) => readonly string[],
  ): Promise<Result> {
    return this.events.commit(write, (result) => updated(userId, changesOf(result)));
  }
}

/** `user.updated` naming `changes`, or no event when nothing changed. */
function updated(userId: string, changes: readonly string[]): UserKitEvent[] {
  return changes.length > 0
    ? [userKitEvent('user.updated', { userId, changes: [...changes] })]
    : [];
}
