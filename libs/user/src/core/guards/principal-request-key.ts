import type { AuthenticatedPrincipal } from '../services/sessions.service.js';

/**
 * The principal UserAuthGuard authenticated, keyed by the request object itself. Only the guard
 * writes here: a host's own middleware filling `request.user` (passport, a proxy) cannot pass
 * for a signed-in user.
 */
const principals = new WeakMap<object, AuthenticatedPrincipal>();

export function principalOf(request: object): AuthenticatedPrincipal | undefined {
  return principals.get(request);
}

/** Also left on `request.user`, as passport users expect; the library never reads it back. */
export function attachPrincipal(request: object, principal: AuthenticatedPrincipal): void {
  principals.set(request, principal);
  (request as { user?: unknown }).user = principal;
}
