import { BUILT_IN_ROLES, ROLE_NAME_PATTERN } from './built-in-roles.js';
import type { ResolvedUserOptions } from './resolved-options.js';
import { resolveLoadLimits } from './resolve-rate-limits.js';
import { resolveIdentifierOptions } from './resolve-identifier-options.js';
import { resolveProfileOptions } from './resolve-profile-options.js';
import { resolveFieldOptions } from './resolve-field-options.js';
import { movedOptionProblems } from './moved-options.js';
import type { UserModuleOptions } from './user-module-options.js';

const DAY = 24 * 60 * 60;
const DATABASE_DEFAULT_ACCESS_TOKEN_TTL = 15 * 60;
const STATELESS_DEFAULT_ACCESS_TOKEN_TTL = 60;
/** Stateless sessions: the longest revocation window accepted (5 minutes). */
export const STATELESS_MAX_ACCESS_TOKEN_TTL = 5 * 60;

/** Thrown at start-up so a misconfigured host fails with a readable message. */
export class UserModuleOptionsError extends Error {
  constructor(problems: string[]) {
    super(`Invalid UserModule options:\n - ${problems.join('\n - ')}`);
    this.name = 'UserModuleOptionsError';
  }
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

/** Structural extras of 0.1.0 that UserModule no longer takes, as the host passed them. */
export interface RemovedUserModuleExtras {
  /** The pages are UserPagesModule now. */
  ui?: unknown;
}

/**
 * Applies defaults and checks every option; throws one error listing all problems. An option (or
 * extra) of 0.1.0 that moved to a feature module is one of them, named with its new home.
 */
export function resolveUserOptions(
  options: UserModuleOptions,
  removedExtras: RemovedUserModuleExtras = {},
): ResolvedUserOptions {
  if (!options || typeof options !== 'object')
    throw new UserModuleOptionsError(['options are missing']);
  const problems = movedOptionProblems(options, removedExtras ?? {});

  if (typeof options.tokenSecret !== 'string' || options.tokenSecret.length < 32) {
    problems.push('tokenSecret must be a string of at least 32 characters');
  }
  const sessionValidation = options.sessionValidation ?? 'database';
  if (sessionValidation !== 'database' && sessionValidation !== 'stateless')
    problems.push(`sessionValidation must be 'database' or 'stateless'`);
  const stateless = sessionValidation === 'stateless';
  const accessTokenTtlSeconds =
    options.accessTokenTtlSeconds ??
    (stateless ? STATELESS_DEFAULT_ACCESS_TOKEN_TTL : DATABASE_DEFAULT_ACCESS_TOKEN_TTL);
  if (!isPositiveInteger(accessTokenTtlSeconds))
    problems.push('accessTokenTtlSeconds must be a positive integer');
  else if (stateless && accessTokenTtlSeconds > STATELESS_MAX_ACCESS_TOKEN_TTL)
    problems.push(
      `accessTokenTtlSeconds must be at most ${STATELESS_MAX_ACCESS_TOKEN_TTL} with sessionValidation 'stateless' (it is the revocation window: a logout, ban or role change applies at the next refresh); got ${accessTokenTtlSeconds}`,
    );
  const broadcast = options.sessionRevocationBroadcast;
  if (broadcast !== undefined) {
    if (
      !broadcast ||
      typeof broadcast.publish !== 'function' ||
      typeof broadcast.subscribe !== 'function'
    )
      problems.push('sessionRevocationBroadcast must have publish() and subscribe()');
    else if (!stateless)
      problems.push(
        `sessionRevocationBroadcast needs sessionValidation 'stateless' (the database mode checks every request)`,
      );
  }
  const refreshTokenTtlSeconds = options.refreshTokenTtlSeconds ?? 30 * DAY;
  if (!isPositiveInteger(refreshTokenTtlSeconds))
    problems.push('refreshTokenTtlSeconds must be a positive integer');

  const passwordMinLength = options.passwordPolicy?.minLength ?? 8;
  const passwordMaxLength = options.passwordPolicy?.maxLength ?? 128;
  if (!isPositiveInteger(passwordMinLength) || passwordMinLength < 8) {
    problems.push('passwordPolicy.minLength must be an integer of at least 8');
  }
  if (
    !isPositiveInteger(passwordMaxLength) ||
    passwordMaxLength > 128 ||
    passwordMaxLength < passwordMinLength
  ) {
    problems.push('passwordPolicy.maxLength must be an integer between minLength and 128');
  }

  const roles = [...BUILT_IN_ROLES];
  for (const role of options.roles ?? []) {
    if (!role || typeof role.name !== 'string' || !ROLE_NAME_PATTERN.test(role.name)) {
      problems.push(`role name ${JSON.stringify(role?.name)} must match ${ROLE_NAME_PATTERN}`);
    } else if (!roles.some((known) => known.name === role.name)) {
      roles.push({ name: role.name, description: role.description });
    }
  }
  const defaultRole = options.defaultRole ?? 'user';
  if (!roles.some((role) => role.name === defaultRole))
    problems.push(`defaultRole "${defaultRole}" is not a known role`);

  if (options.publicUrl !== undefined && !isAbsoluteHttpUrl(options.publicUrl)) {
    problems.push('publicUrl must be an absolute http(s) URL');
  }

  if (options.selfDeletion !== undefined && typeof options.selfDeletion !== 'boolean')
    problems.push('selfDeletion must be true or false');

  const loadLimits = resolveLoadLimits(options, problems);
  const identifiers = resolveIdentifierOptions(options, problems);
  const profileOptions = resolveProfileOptions(options, problems);
  const fields = resolveFieldOptions(options.fields, problems);

  if (problems.length > 0) throw new UserModuleOptionsError(problems);
  return {
    ...loadLimits,
    ...profileOptions,
    tokenSecret: options.tokenSecret,
    tokenIssuer: options.tokenIssuer ?? 'userkit',
    accessTokenTtlSeconds,
    sessionValidation,
    ...(broadcast ? { sessionRevocationBroadcast: broadcast } : {}),
    refreshTokenTtlSeconds,
    passwordMinLength,
    passwordMaxLength,
    defaultRole,
    roles,
    anonymousSignUp: options.anonymousSignUp ?? false,
    selfDeletion: options.selfDeletion ?? true,
    publicUrl: options.publicUrl?.replace(/\/+$/, ''),
    identifiers,
    fields,
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
