import { navigate } from '../router.js';

/** Back to where the sign-in redirect came from (only a path under the base), else the profile. */
export function goAfterSignIn(query: URLSearchParams): void {
  const next = query.get('next');
  navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
}
