/** `user.created`: a user now exists (every source: sign-up, anonymous, OAuth, admin). */
export interface UserCreatedEvent {
  userId: string;
  isAnonymous: boolean;
}

/**
 * `user.updated`: `changes` names what changed (`firstName`, `customAttributes.plan`, `roles`,
 * `banned`, `password`, `emailAddresses`, `phoneNumbers`, `externalAccounts`, `twoFactorEnabled`, ...).
 */
export interface UserUpdatedEvent {
  userId: string;
  changes: string[];
}

/** `user.deleted`: the user and everything it owned are gone. */
export interface UserDeletedEvent {
  userId: string;
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

/**
 * Events the library emits through @nestjs/event-emitter, always after the change is committed
 * (a rolled-back change emits nothing). Listen with `@OnEvent('user.created')` in the host.
 */
export interface UserKitEvents {
  'user.created': UserCreatedEvent;
  'user.updated': UserUpdatedEvent;
  'user.deleted': UserDeletedEvent;
  'session.created': SessionCreatedEvent;
  'session.revoked': SessionRevokedEvent;
  'externalAccount.linked': ExternalAccountLinkedEvent;
  'externalAccount.unlinked': ExternalAccountUnlinkedEvent;
}

export type UserKitEventName = keyof UserKitEvents;

export const USER_KIT_EVENT_NAMES: readonly UserKitEventName[] = [
  'user.created',
  'user.updated',
  'user.deleted',
  'session.created',
  'session.revoked',
  'externalAccount.linked',
  'externalAccount.unlinked',
];
