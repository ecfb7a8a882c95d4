/** The resolved, validated module options (ResolvedUserOptions). */
export const USER_OPTIONS = Symbol('USER_OPTIONS');

/** Guard metadata keys. */
export const IS_PUBLIC_KEY = 'userkit:isPublic';
export const ROLES_KEY = 'userkit:roles';
export const RATE_LIMIT_KEY = 'userkit:rateLimit';
export const ALLOW_UNVERIFIED_EMAIL_KEY = 'userkit:allowUnverifiedEmail';
