import type { ExpressRequest as Request } from './express-http.js';
import { COOKIE_SESSION_MODE, SESSION_MODE_HEADER } from './ui-tokens.js';

/**
 * CSRF defence of the cookie routes: the custom header (a cross-site page cannot send it without
 * a CORS preflight this app never grants) and an Origin equal to the app's own — publicUrl's, or
 * the one the browser addressed (Host), which a cross-site request cannot forge.
 */
export function sameOriginProblem(request: Request, publicUrl: string | undefined): string | null {
  if (request.get(SESSION_MODE_HEADER) !== COOKIE_SESSION_MODE)
    return `the ${SESSION_MODE_HEADER}: ${COOKIE_SESSION_MODE} header is required`;
  const origin = request.get('origin');
  if (!origin) return 'the Origin header is required';
  const allowed = new Set<string>();
  if (publicUrl) allowed.add(new URL(publicUrl).origin);
  const host = request.get('host');
  if (host) allowed.add(`${request.protocol}://${host}`);
  return allowed.has(origin) ? null : `Origin ${origin} is not this app's origin`;
}

export function wantsCookieSession(request: Request): boolean {
  return request.get(SESSION_MODE_HEADER) === COOKIE_SESSION_MODE;
}
