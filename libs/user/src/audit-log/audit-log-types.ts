/**
 * The record types the module writes, each from one library event (README "Audit log"). Stable
 * strings: filters, retention rules and exports name them. A host or a later feature
 * (impersonation) records its own types through `AuditLogService.record`.
 */
export const AUDIT_LOG_TYPES = [
  'sign_in.succeeded',
  'sign_in.failed',
  'user.signed_up',
  'user.created',
  'user.deleted',
  'session.signed_out',
  'session.refresh_token_reused',
  'session.revoked',
  'password.changed',
  'password.reset',
  'two_factor.enabled',
  'two_factor.disabled',
  'two_factor.backup_code_used',
  'email.added',
  'email.verified',
  'email.removed',
  'phone.added',
  'phone.verified',
  'phone.removed',
  'external_account.linked',
  'external_account.unlinked',
  'passkey.added',
  'passkey.removed',
  'user.banned',
  'user.unbanned',
  'user.roles_changed',
  'user.impersonated',
  'admin.action',
] as const;

export type AuditLogType = (typeof AUDIT_LOG_TYPES)[number];

/** What `GET /me/security-activity` shows a user of their own trail. */
export const SECURITY_ACTIVITY_TYPES: readonly AuditLogType[] = [
  'sign_in.succeeded',
  'sign_in.failed',
  'password.changed',
  'password.reset',
  'two_factor.enabled',
  'two_factor.disabled',
  'two_factor.backup_code_used',
  'passkey.added',
  'passkey.removed',
];

/** A type name: lower-case words joined by `_`, in dot-separated parts (`sign_in.failed`). */
export const AUDIT_LOG_TYPE_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;
export const AUDIT_LOG_TYPE_MAX_LENGTH = 64;
