/** Where the prebuilt pages are served: provided by UserPagesModule, read by the core's URLs and cookie mode. */
export interface ResolvedUiOptions {
  /** Starts with `/`, no trailing slash. */
  path: string;
}

/** Injection token of the ResolvedUiOptions (present only when the pages are imported). */
export const UI_OPTIONS = Symbol('USERKIT_UI_OPTIONS');

/** The request header that asks for the refresh token in the cookie instead of the body. */
export const SESSION_MODE_HEADER = 'x-userkit-session';
export const COOKIE_SESSION_MODE = 'cookie';
