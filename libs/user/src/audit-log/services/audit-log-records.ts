import type {
  SessionRevokedReason,
  UserKitEventName,
  UserKitEvents,
} from '../../core/events/user-kit-events.js';
import type { AuditLogType } from '../audit-log-types.js';
import type { AuditLogRecord } from './audit-log-record.js';

type Subject = Pick<AuditLogRecord, 'type' | 'userId' | 'details'> & {
  /** The event's own session (a sign-in's new one, the revoked one); else the request's. */
  sessionId?: string | null;
  /** The user did it themselves though the request was not signed in (sign-in, sign-up, logout). */
  self?: boolean;
};

type Mappers = {
  [Name in UserKitEventName]?: (event: UserKitEvents[Name]) => Subject | null;
};

const REVOCATION_TYPES: Partial<Record<SessionRevokedReason, AuditLogType>> = {
  logout: 'session.signed_out',
  refresh_token_reused: 'session.refresh_token_reused',
};

function subject(type: AuditLogType, userId: string | null, details = {}): Subject {
  return { type, userId, details };
}

/**
 * Which library event becomes which record. Not recorded: `user.updated` (profile edits; the
 * security-relevant ones have their own events) and `session.created` (the sign-in or sign-up
 * that opened it is).
 */
const MAPPERS: Mappers = {
  'signIn.succeeded': (event) => ({
    ...subject('sign_in.succeeded', event.userId, {
      method: event.method,
      provider: event.provider,
      secondFactor: event.secondFactor,
    }),
    sessionId: event.sessionId,
    self: true,
  }),
  'signIn.failed': (event) =>
    subject('sign_in.failed', event.userId, {
      method: event.method,
      reason: event.reason,
      ...(event.identifier === null ? {} : { identifier: event.identifier }),
    }),
  'user.created': (event) =>
    event.source === 'admin'
      ? subject('user.created', event.userId, { source: event.source })
      : { ...subject('user.signed_up', event.userId, { source: event.source }), self: true },
  'user.deleted': (event) => subject('user.deleted', event.userId, { cause: event.cause }),
  'session.revoked': (event) => ({
    ...subject(REVOCATION_TYPES[event.reason] ?? 'session.revoked', event.userId, {
      reason: event.reason,
    }),
    sessionId: event.sessionId,
    self: event.reason === 'logout',
  }),
  'password.changed': (event) => ({
    ...subject(event.via === 'reset' ? 'password.reset' : 'password.changed', event.userId),
    self: true,
  }),
  'twoFactor.enabled': (event) =>
    subject('two_factor.enabled', event.userId, { method: event.method }),
  'twoFactor.disabled': (event) =>
    subject('two_factor.disabled', event.userId, { method: event.method }),
  'twoFactor.backupCodeUsed': (event) => subject('two_factor.backup_code_used', event.userId),
  'emailAddress.added': (event) => identifier('email.added', event),
  'emailAddress.verified': (event) => identifier('email.verified', event),
  'emailAddress.removed': (event) => identifier('email.removed', event),
  'phoneNumber.added': (event) => identifier('phone.added', event),
  'phoneNumber.verified': (event) => identifier('phone.verified', event),
  'phoneNumber.removed': (event) => identifier('phone.removed', event),
  // Completed in the provider's callback (no bearer): the user's own flow, or their sign-in.
  'externalAccount.linked': (event) => ({
    ...subject('external_account.linked', event.userId, {
      provider: event.provider,
      providerUserId: event.providerUserId,
    }),
    self: true,
  }),
  'externalAccount.unlinked': (event) =>
    subject('external_account.unlinked', event.userId, {
      provider: event.provider,
      providerUserId: event.providerUserId,
    }),
  'passkey.added': (event) =>
    subject('passkey.added', event.userId, { passkeyId: event.passkeyId, name: event.name }),
  'passkey.removed': (event) =>
    subject('passkey.removed', event.userId, { passkeyId: event.passkeyId, name: event.name }),
  'user.banned': (event) => subject('user.banned', event.userId),
  'user.unbanned': (event) => subject('user.unbanned', event.userId),
  'user.rolesChanged': (event) =>
    subject('user.roles_changed', event.userId, { roles: event.roles }),
  'user.impersonated': (event) => ({
    ...subject('user.impersonated', event.userId, {
      impersonatorId: event.impersonatorId,
      expiresAt: event.expiresAt,
    }),
    sessionId: event.sessionId,
  }),
  'admin.action': (event) =>
    subject('admin.action', event.targetUserId, { route: event.route, params: event.params }),
};

function identifier(type: AuditLogType, event: UserKitEvents['emailAddress.added']): Subject {
  return subject(type, event.userId, { identifierId: event.identifierId, value: event.value });
}

/** The record a library event becomes, or null when it is not a security event. */
export function auditRecordOf<Name extends UserKitEventName>(
  name: Name,
  event: UserKitEvents[Name],
): AuditLogRecord | null {
  const mapper = MAPPERS[name] as ((event: UserKitEvents[Name]) => Subject | null) | undefined;
  const found = mapper?.(event);
  if (!found) return null;
  const context = event.context;
  return {
    type: found.type,
    userId: found.userId,
    actorId: context.actorId ?? (found.self ? found.userId : null),
    sessionId: found.sessionId ?? context.actorSessionId,
    ip: context.ip,
    userAgent: context.userAgent,
    details: found.details,
  };
}
