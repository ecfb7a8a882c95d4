/** Injection token of the ResolvedUiOptions (present only when `ui` is configured). */
export const UI_OPTIONS = Symbol('USERKIT_UI_OPTIONS');

/** The request header that asks for the refresh token in the cookie instead of the body. */
export const SESSION_MODE_HEADER = 'x-userkit-session';
export const COOKIE_SESSION_MODE = 'cookie';
