import type { IdentifierSetting, UserModuleOptions } from './user-module-options.js';

const SETTINGS: readonly IdentifierSetting[] = ['required', 'optional', false];
const DEFAULT_SETTINGS = { email: 'required', username: false, phone: false } as const;

/** Options of emails, phones and password recovery, after defaults. */
export interface ResolvedIdentifierOptions {
  /** Whether sign-up asks for (and takes) each identifier. */
  email: IdentifierSetting;
  username: IdentifierSetting;
  /** On (not false): numbers given at sign-up, and sign-in by SMS code to a verified number. */
  phone: IdentifierSetting;
  /** Only GET /me, verification and sign-out until an email address is verified. */
  requireVerifiedEmail: boolean;
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
  const settings: Record<keyof typeof DEFAULT_SETTINGS, IdentifierSetting> = {
    ...DEFAULT_SETTINGS,
  };
  const given: unknown = options.identifiers;
  if (
    given !== undefined &&
    (typeof given !== 'object' || given === null || Array.isArray(given))
  ) {
    problems.push(
      'identifiers must be an object such as { email: "required", username: "optional" }',
    );
  } else if (given) {
    for (const [name, setting] of Object.entries(given)) {
      if (!(name in DEFAULT_SETTINGS)) {
        problems.push(`identifiers.${name} is not an identifier (email, username, phone)`);
      } else if (setting !== undefined && !SETTINGS.includes(setting as IdentifierSetting)) {
        problems.push(`identifiers.${name} must be 'required', 'optional' or false`);
      } else if (setting !== undefined) {
        settings[name as keyof typeof DEFAULT_SETTINGS] = setting as IdentifierSetting;
      }
    }
  }
  if (settings.email !== 'required' && settings.username !== 'required') {
    problems.push(
      "identifiers: email or username must be 'required' (a password is typed with one of them)",
    );
  }
  const requireVerifiedEmail = options.requireVerifiedEmail ?? false;
  if (typeof requireVerifiedEmail !== 'boolean') {
    problems.push('requireVerifiedEmail must be a boolean');
  } else if (requireVerifiedEmail && settings.email !== 'required') {
    problems.push("requireVerifiedEmail needs identifiers.email to be 'required'");
  }
  return {
    email: settings.email,
    username: settings.username,
    phone: settings.phone,
    requireVerifiedEmail: requireVerifiedEmail === true,
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
