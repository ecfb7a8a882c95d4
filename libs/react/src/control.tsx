import type { ReactNode } from 'react';
import { useUser } from './hooks.js';

/** Its children only for a signed-in user (nothing on the server or before the session is restored). */
export function SignedIn({ children }: { children?: ReactNode }): ReactNode {
  const { isSignedIn } = useUser();
  return isSignedIn ? children : null;
}

/** Its children while no one is signed in (so also on the server, then hydrated). */
export function SignedOut({ children }: { children?: ReactNode }): ReactNode {
  const { isSignedIn } = useUser();
  return isSignedIn ? null : children;
}

export interface ProtectProps {
  /** A role the user must have. */
  role?: string;
  /** Any test of the user (with `role`, both must pass). */
  condition?: (user: NonNullable<ReturnType<typeof useUser>['user']>) => boolean;
  /** Shown instead (signed out, or lacking the role); nothing by default. */
  fallback?: ReactNode;
  children?: ReactNode;
}

/** Its children only for a signed-in user with `role` (and passing `condition`), else `fallback`. */
export function Protect({ role, condition, fallback = null, children }: ProtectProps): ReactNode {
  const { user } = useUser();
  const allowed =
    user !== null &&
    (role === undefined || user.roles.includes(role)) &&
    (condition === undefined || condition(user));
  return allowed ? children : fallback;
}
