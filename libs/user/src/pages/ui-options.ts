import type { ResolvedUiOptions } from '../core/cookie-session/ui-tokens.js';

/** Options of UserPagesModule.forRoot(): the prebuilt pages (sign-in, sign-up, profile, admin console). */
export interface UiOptions {
  /** Where the pages are served; the refresh cookie is scoped under it. Default `/account`. */
  path?: string;
}

export type { ResolvedUiOptions };

const PATH_PATTERN = /^(\/[A-Za-z0-9._~-]+)+$/;

/** `true` means the defaults; throws at start-up for a path Express could not serve literally. */
export function resolveUiOptions(ui: UiOptions | boolean | undefined): ResolvedUiOptions | null {
  if (!ui) return null;
  const path = (ui === true ? undefined : ui.path) ?? '/account';
  const trimmed = path.replace(/\/+$/, '');
  if (!PATH_PATTERN.test(trimmed))
    throw new Error(
      `Invalid UserModule options:\n - ui.path must look like /account (letters, digits, . _ ~ - segments), got ${JSON.stringify(path)}`,
    );
  return { path: trimmed };
}
