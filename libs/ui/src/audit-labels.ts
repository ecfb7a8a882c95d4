// How the pages name audit records: the profile's "Security activity" and the console's audit log.

const TYPE_LABELS: Record<string, string> = {
  'sign_in.succeeded': 'Signed in',
  'sign_in.failed': 'Failed sign-in',
  'user.signed_up': 'Signed up',
  'user.created': 'Account created by an admin',
  'user.deleted': 'Account deleted',
  'session.signed_out': 'Signed out',
  'session.refresh_token_reused': 'Session ended: a refresh token was used twice',
  'session.revoked': 'Sessions ended',
  'password.changed': 'Password changed',
  'password.reset': 'Password reset by email link',
  'two_factor.enabled': 'Two-step verification turned on',
  'two_factor.disabled': 'Two-step verification turned off',
  'two_factor.backup_code_used': 'Backup code used',
  'email.added': 'Email address added',
  'email.verified': 'Email address verified',
  'email.removed': 'Email address removed',
  'phone.added': 'Phone number added',
  'phone.verified': 'Phone number verified',
  'phone.removed': 'Phone number removed',
  'external_account.linked': 'Account connected',
  'external_account.unlinked': 'Account disconnected',
  'passkey.added': 'Passkey added',
  'passkey.removed': 'Passkey removed',
  'user.banned': 'Banned',
  'user.unbanned': 'Unbanned',
  'user.roles_changed': 'Roles changed',
  'admin.action': 'Admin action',
};

/** Every type the library records, for the console's filter. */
export const AUDIT_TYPES = Object.keys(TYPE_LABELS);

const REASONS: Record<string, string> = {
  unknown_account: 'no such account',
  no_password: 'the account has no password',
  wrong_password: 'wrong password',
  banned: 'the account is banned',
  backoff: 'too many attempts, waiting',
  locked: 'password sign-in locked',
  wrong_second_factor: 'wrong verification code',
  wrong_code: 'wrong or expired SMS code',
  wrong_passkey: 'passkey not accepted',
  passkey_counter_regressed: 'passkey counter went backwards (possible clone)',
};

export function auditTypeLabel(type: string): string {
  return TYPE_LABELS[type] ?? type;
}

/** The type's label with what its details add: `Failed sign-in (wrong password)`. */
export function describeActivity(type: string, details: Record<string, unknown>): string {
  const label = auditTypeLabel(type);
  const reason = typeof details.reason === 'string' ? details.reason : null;
  if (type === 'sign_in.failed' && reason) return `${label} (${REASONS[reason] ?? reason})`;
  if (type === 'sign_in.succeeded') {
    const how =
      details.method === 'oauth'
        ? `with ${typeof details.provider === 'string' ? details.provider : 'a provider'}`
        : details.method === 'phone_code'
          ? 'with an SMS code'
          : details.method === 'email_code'
            ? 'with an email code'
            : details.method === 'email_link'
              ? 'with an email link'
              : details.method === 'passkey'
                ? 'with a passkey'
                : 'with password';
    const second =
      details.secondFactor === 'totp'
        ? ' and authenticator code'
        : details.secondFactor === 'backup_code'
          ? ' and backup code'
          : '';
    return `${label} ${how}${second}`;
  }
  return label;
}

/** `Firefox · 203.0.113.7` from a user agent and an address. */
export function describeDevice(userAgent: string | null, ip: string | null): string {
  const agent = userAgent ?? 'Unknown device';
  const browser = /Firefox\//.test(agent)
    ? 'Firefox'
    : /Edg\//.test(agent)
      ? 'Edge'
      : /Chrom(e|ium)\//.test(agent)
        ? 'Chrome'
        : /Safari\//.test(agent)
          ? 'Safari'
          : agent.slice(0, 60);
  const address = ip?.replace(/^::ffff:/, '');
  return `${browser}${address ? ` · ${address}` : ''}`;
}
