import type { UserModuleOptions } from './user-module-options.js';

/** Options of emails, phones and password recovery, after defaults. */
export interface ResolvedIdentifierOptions {
  /** A sensitive change needs a sign-in this recent (seconds). */
  reauthenticationWindowSeconds: number;
  /** Where reset links point (`?token=` is added); undefined when no public URL is known. */
  passwordResetUrl?: string;
  /** Whether the host set passwordResetUrl (else the prebuilt pages' reset form may take over). */
  passwordResetUrlGiven: boolean;
}

/** Defaults and checks; problems are pushed onto `problems`. */
export function resolveIdentifierOptions(
  options: UserModuleOptions,
  problems: string[],
): ResolvedIdentifierOptions {
  const reauthenticationWindowSeconds = options.reauthenticationWindowSeconds ?? 60 * 60;
  if (
    typeof reauthenticationWindowSeconds !== 'number' ||
    !Number.isInteger(reauthenticationWindowSeconds) ||
    reauthenticationWindowSeconds <= 0
  ) {
    problems.push('reauthenticationWindowSeconds must be a positive integer');
  }
  let passwordResetUrl = options.passwordResetUrl;
  if (passwordResetUrl !== undefined && !isAbsoluteHttpUrl(passwordResetUrl)) {
    problems.push('passwordResetUrl must be an absolute http(s) URL');
  } else if (passwordResetUrl === undefined && typeof options.publicUrl === 'string') {
    passwordResetUrl = `${options.publicUrl.replace(/\/+$/, '')}/reset-password`;
  }
  if (
    options.messageSender !== undefined &&
    (typeof options.messageSender !== 'object' || options.messageSender === null)
  ) {
    problems.push('messageSender must be an object implementing MessageSender');
  }
  return {
    reauthenticationWindowSeconds,
    passwordResetUrl,
    passwordResetUrlGiven: options.passwordResetUrl !== undefined,
  };
}

function isAbsoluteHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
