import type { UserCreationSource } from '../extension-points/user-lifecycle-hooks.js';

/**
 * Who caused an event and from where, as the request that caused it tells: added by the library
 * to every payload it emits (after the commit, and only when someone listens). All null outside a
 * request (start-up, a host's script).
 */
export interface UserKitEventContext {
  /**
   * The signed-in user whose request caused it (an admin acting on another user); in an
   * impersonation session the admin acting as the user; null: none.
   */
  actorId: string | null;
  /** In an impersonation session only: the user the admin (`actorId`) acts as. */
  impersonatedUserId?: string;
  /** The session of that request (not the session an event names, e.g. a sign-in's new one). */
  actorSessionId: string | null;
  /** The caller's address as Express resolved it (the host's `trust proxy`). */
  ip: string | null;
  userAgent: string | null;
}

/** `user.created`: a user now exists (every source: sign-up, anonymous, OAuth, admin, legacy, import). */
export interface UserCreatedEvent {
  userId: string;
  isAnonymous: boolean;
  /** `password` / `anonymous` / `oauth`: the user signed up; `admin`: an admin (or the host) made it. */
  source: UserCreationSource;
}

/**
 * `user.updated`: `changes` names what changed (`firstName`, `customAttributes.plan`, `roles`,
 * `banned`, `password`, `emailAddresses`, `phoneNumbers`, `externalAccounts`, `twoFactorEnabled`, ...).
 */
export interface UserUpdatedEvent {
  userId: string;
  changes: string[];
}

/**
 * Who asked for a deletion: `admin` (an admin's `DELETE /admin/users/:id`, or the host through
 * UserDeletionService) or `self` (the user's own `DELETE /me`).
 */
export type UserDeletionCause = 'admin' | 'self';

/** `user.deleted`: the user and everything it owned are gone. */
export interface UserDeletedEvent {
  userId: string;
  cause: UserDeletionCause;
}

/** `session.created`: a session (a refresh token family) was opened. */
export interface SessionCreatedEvent {
  userId: string;
  sessionId: string;
}

/**
 * Why sessions ended, as `session.revoked` tells it (and as the session row records it):
 * - `logout`: `POST /auth/logout` with the session's refresh token
 * - `refresh_token_reused`: a refresh token was used twice (likely stolen): its session dies
 * - `password_changed`: the user changed their password: every other session dies
 * - `password_reset`: the password was reset by link: every session dies
 * - `banned`: an admin banned the user: every session dies
 * - `deleted`: the user was deleted: its sessions died with it
 * - `admin_revoked`: an admin ended every session of the user
 * - `revoked_by_user`: the user ended one of their own sessions (`DELETE /me/sessions/:id`), or
 *   the host ended the user's other sessions for them (`UserSessionsService.revokeOthers`)
 * - `upgraded`: an anonymous user became a real one: the anonymous session gives way to a new one
 */
export type SessionRevokedReason =
  | 'logout'
  | 'refresh_token_reused'
  | 'password_changed'
  | 'password_reset'
  | 'banned'
  | 'deleted'
  | 'admin_revoked'
  | 'revoked_by_user'
  | 'upgraded';

export const SESSION_REVOKED_REASONS: readonly SessionRevokedReason[] = [
  'logout',
  'refresh_token_reused',
  'password_changed',
  'password_reset',
  'banned',
  'deleted',
  'admin_revoked',
  'revoked_by_user',
  'upgraded',
];

/** `session.revoked`: `sessionId` is null when several sessions of the user ended at once. */
export interface SessionRevokedEvent {
  userId: string;
  sessionId: string | null;
  reason: SessionRevokedReason;
}

/** `externalAccount.linked`: a provider account became a way into an existing user (a link, or a sign-in that linked by email). */
export interface ExternalAccountLinkedEvent {
  userId: string;
  provider: string;
  providerUserId: string;
}

/** `externalAccount.unlinked`: the user removed a provider account as a way in (`DELETE /me/external-accounts/:id`). */
export interface ExternalAccountUnlinkedEvent {
  userId: string;
  provider: string;
  providerUserId: string;
}

/** How a sign-in proved the user: the first factor, and the second one when it was asked. */
export interface SignInMethod {
  /**
   * `password`, `oauth` (a provider, named in `provider`), `phone_code` (an SMS code),
   * `email_code` (a code mailed to a verified address), `email_link` (a link mailed to one) or
   * `passkey` (a WebAuthn assertion with user verification: no second factor is asked after it).
   */
  method: 'password' | 'oauth' | 'phone_code' | 'email_code' | 'email_link' | 'passkey';
  provider: string | null;
  /** `totp` or `backup_code` when a second factor completed the sign-in; null: none was asked. */
  secondFactor: 'totp' | 'backup_code' | null;
}

/** `signIn.succeeded`: every factor passed and a session opened (after its `session.created`). */
export interface SignInSucceededEvent extends SignInMethod {
  userId: string;
  sessionId: string;
}

/**
 * Why a sign-in failed, for the audit only: the HTTP answer stays the same for all of them.
 * - `unknown_account`: no user has this email, username or verified number
 * - `no_password`: the user has no password (signs in through a provider)
 * - `wrong_password`: the password did not match
 * - `banned`: the right password of a banned user
 * - `backoff`: refused before the check, this client waits after earlier failures
 * - `locked`: refused before the check, password sign-in is locked after too many failures
 * - `wrong_second_factor`: the first factor passed, the TOTP or backup code did not
 * - `wrong_code`: the SMS or email sign-in code was wrong, spent or expired
 * - `wrong_passkey`: a passkey assertion did not verify (unknown passkey, origin, RP ID, signature)
 * - `passkey_counter_regressed`: a passkey's signature counter went backwards (a possible clone)
 */
export type SignInFailureReason =
  | 'unknown_account'
  | 'no_password'
  | 'wrong_password'
  | 'banned'
  | 'backoff'
  | 'locked'
  | 'wrong_second_factor'
  | 'wrong_code'
  | 'wrong_passkey'
  | 'passkey_counter_regressed';

export const SIGN_IN_FAILURE_REASONS: readonly SignInFailureReason[] = [
  'unknown_account',
  'no_password',
  'wrong_password',
  'banned',
  'backoff',
  'locked',
  'wrong_second_factor',
  'wrong_code',
  'wrong_passkey',
  'passkey_counter_regressed',
];

/** `signIn.failed`: a refused sign-in attempt. Never carries the password or the code tried. */
export interface SignInFailedEvent {
  /** The account tried; null when no user has the identifier. */
  userId: string | null;
  method: SignInMethod['method'];
  reason: SignInFailureReason;
  /** The normalized email, username or number tried, only when it names no user (`userId` null). */
  identifier: string | null;
}

/**
 * `password.changed`: a new password: `change` (`POST /me/password`, with the current one),
 * `reset` (`POST /auth/password/reset`, by a link) or `admin` (`PUT /admin/users/:id/password`,
 * set by an admin: `context.actorId`). Before its `user.updated`.
 */
export interface PasswordChangedEvent {
  userId: string;
  via: 'change' | 'reset' | 'admin';
}

/** `twoFactor.enabled` / `twoFactor.disabled`: two-factor sign-in turned on or off (`totp`). */
export interface TwoFactorChangedEvent {
  userId: string;
  method: 'totp';
}

/** `twoFactor.backupCodeUsed`: a single-use backup code was spent (a sign-in, or turning 2FA off). */
export interface BackupCodeUsedEvent {
  userId: string;
}

/**
 * `emailAddress.added` / `.verified` / `.removed` and `phoneNumber.added` / `.verified` /
 * `.removed`: one identifier of the user; before the `user.updated` naming `emailAddresses` or
 * `phoneNumbers`. `value`: the address, or the number in E.164.
 */
export interface IdentifierEvent {
  userId: string;
  identifierId: string;
  value: string;
}

/**
 * `passkey.added` / `passkey.removed`: a passkey of the user (UserPasskeysModule) became, or
 * stopped being, a way in; before the `user.updated` naming `passkeys`.
 */
export interface PasskeyEvent {
  userId: string;
  passkeyId: string;
  name: string;
}

/** `user.banned` / `user.unbanned`: before its `user.updated` naming `banned`. */
export interface UserBanEvent {
  userId: string;
}

/**
 * `user.impersonated`: an admin (`impersonatorId`, also `context.actorId`) opened a session to act
 * as the user (`POST /admin/users/:id/impersonate`), ending at `expiresAt` (ISO 8601) at the
 * latest. What the admin then does carries the admin as `context.actorId` and the user as
 * `context.impersonatedUserId`.
 */
export interface UserImpersonatedEvent {
  userId: string;
  impersonatorId: string;
  sessionId: string;
  expiresAt: string;
}

/** `user.rolesChanged`: the user's roles now (after a replacement or an added role). */
export interface UserRolesChangedEvent {
  userId: string;
  roles: string[];
}

/**
 * `admin.action`: a request of an admin route (one that needs the `admin` role) that changed
 * something (not GET/HEAD) succeeded. `route` is the route's pattern, e.g.
 * `PUT /admin/users/:id/roles`; `targetUserId` the user the route names, when it names one.
 * Every admin route emits it, the feature modules' and the ones to come; the acting admin is
 * `context.actorId`.
 */
export interface AdminActionEvent {
  route: string;
  targetUserId: string | null;
  /** The route's parameters (`{ id }`), each cut to 100 characters. */
  params: Record<string, string>;
}

/** `organization.created` / `organization.deleted` (UserOrganizationsModule). */
export interface OrganizationEvent {
  organizationId: string;
  slug: string;
}

/**
 * `organization.updated`: `changes` names what changed (`name`, `slug`, `logo`, `publicMetadata`,
 * `privateMetadata`).
 */
export interface OrganizationUpdatedEvent {
  organizationId: string;
  changes: string[];
}

/**
 * `membership.created` / `membership.updated` / `membership.deleted`: a user joined an
 * organization (its creator as `owner` too), got another role, or left or was removed; `role` is
 * the role now (the one it had, for a deletion). An organization's deletion reports only
 * `organization.deleted`, not each membership that went with it.
 */
export interface MembershipEvent {
  organizationId: string;
  userId: string;
  role: string;
}

/**
 * `invitation.created` / `.accepted` / `.declined` / `.revoked`: an invitation to join an
 * organization (UserOrganizationsModule). An acceptance comes before its `membership.created`.
 */
export interface InvitationEvent {
  invitationId: string;
  organizationId: string;
  /** The invited address (normalized). */
  email: string;
  role: string;
}

/**
 * Events the library emits through @nestjs/event-emitter, always after the change is committed
 * (a rolled-back change emits nothing). Listen with `@OnEvent('user.created')` in the host.
 */
export interface UserKitEventPayloads {
  'user.created': UserCreatedEvent;
  'user.updated': UserUpdatedEvent;
  'user.deleted': UserDeletedEvent;
  'session.created': SessionCreatedEvent;
  'session.revoked': SessionRevokedEvent;
  'externalAccount.linked': ExternalAccountLinkedEvent;
  'externalAccount.unlinked': ExternalAccountUnlinkedEvent;
  'signIn.succeeded': SignInSucceededEvent;
  'signIn.failed': SignInFailedEvent;
  'password.changed': PasswordChangedEvent;
  'twoFactor.enabled': TwoFactorChangedEvent;
  'twoFactor.disabled': TwoFactorChangedEvent;
  'twoFactor.backupCodeUsed': BackupCodeUsedEvent;
  'emailAddress.added': IdentifierEvent;
  'emailAddress.verified': IdentifierEvent;
  'emailAddress.removed': IdentifierEvent;
  'phoneNumber.added': IdentifierEvent;
  'phoneNumber.verified': IdentifierEvent;
  'phoneNumber.removed': IdentifierEvent;
  'passkey.added': PasskeyEvent;
  'passkey.removed': PasskeyEvent;
  'user.banned': UserBanEvent;
  'user.unbanned': UserBanEvent;
  'user.rolesChanged': UserRolesChangedEvent;
  'user.impersonated': UserImpersonatedEvent;
  'admin.action': AdminActionEvent;
  'organization.created': OrganizationEvent;
  'organization.updated': OrganizationUpdatedEvent;
  'organization.deleted': OrganizationEvent;
  'membership.created': MembershipEvent;
  'membership.updated': MembershipEvent;
  'membership.deleted': MembershipEvent;
  'invitation.created': InvitationEvent;
  'invitation.accepted': InvitationEvent;
  'invitation.declined': InvitationEvent;
  'invitation.revoked': InvitationEvent;
}

export type UserKitEventName = keyof UserKitEventPayloads;

/** What a listener receives: the payload and the `context` of the request that caused it. */
export type UserKitEvents = {
  [Name in UserKitEventName]: UserKitEventPayloads[Name] & { context: UserKitEventContext };
};

export const USER_KIT_EVENT_NAMES: readonly UserKitEventName[] = [
  'user.created',
  'user.updated',
  'user.deleted',
  'session.created',
  'session.revoked',
  'externalAccount.linked',
  'externalAccount.unlinked',
  'signIn.succeeded',
  'signIn.failed',
  'password.changed',
  'twoFactor.enabled',
  'twoFactor.disabled',
  'twoFactor.backupCodeUsed',
  'emailAddress.added',
  'emailAddress.verified',
  'emailAddress.removed',
  'phoneNumber.added',
  'phoneNumber.verified',
  'phoneNumber.removed',
  'passkey.added',
  'passkey.removed',
  'user.banned',
  'user.unbanned',
  'user.rolesChanged',
  'user.impersonated',
  'admin.action',
  'organization.created',
  'organization.updated',
  'organization.deleted',
  'membership.created',
  'membership.updated',
  'membership.deleted',
  'invitation.created',
  'invitation.accepted',
  'invitation.declined',
  'invitation.revoked',
];

/**
 * The events no write carries (a refused sign-in, an admin's request): emitted in-process only,
 * so the transactional sinks (webhook outbox, audit trail) never see them.
 */
export const IN_PROCESS_ONLY_EVENT_NAMES: ReadonlySet<UserKitEventName> = new Set([
  'signIn.failed',
  'admin.action',
]);
