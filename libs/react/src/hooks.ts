import type { SessionWithActivities, User, UserKitClient } from '@userkit/client';
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { AuthSnapshot } from './auth-store.js';
import { useAuthStore } from './provider.js';

export function useSnapshot(): AuthSnapshot {
  const store = useAuthStore();
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getServerSnapshot);
}

export interface UseUserResult {
  isLoaded: boolean;
  isSignedIn: boolean;
  /** The client's `User`: its methods (`update`, `createEmailAddress`, …) re-render every hook. */
  user: User | null;
}

export function useUser(): UseUserResult {
  const { isLoaded, user } = useSnapshot();
  return { isLoaded, isSignedIn: user !== null, user };
}

export interface UseAuthResult {
  isLoaded: boolean;
  isSignedIn: boolean;
  userId: string | null;
  roles: string[];
  /** The session's active organization (`useOrganizationList().setActive`), or null. */
  orgId: string | null;
  /** Your role in it (`owner`, `admin`, `member`, the app's own), or null. */
  orgRole: string | null;
  orgSlug: string | null;
  /** The permissions of that role, `[]` without an active organization. */
  orgPermissions: string[];
  /**
   * The access token for your own API (refreshed first when expired; concurrent callers share one
   * refresh), or with `template` that token template's JWT; null when signed out.
   */
  getToken(template?: string): Promise<string | null>;
  signOut(): Promise<void>;
}

export function useAuth(): UseAuthResult {
  const store = useAuthStore();
  const { isLoaded, user, activeOrganization } = useSnapshot();
  return {
    isLoaded,
    isSignedIn: user !== null,
    userId: user?.id ?? null,
    roles: user?.roles ?? [],
    orgId: activeOrganization.orgId,
    orgRole: activeOrganization.orgRole,
    orgSlug: activeOrganization.orgSlug,
    orgPermissions: activeOrganization.orgPermissions,
    getToken: store.getToken,
    signOut: store.signOut,
  };
}

type Bound<K extends keyof UserKitClient> = UserKitClient[K];

export interface UseSignInResult {
  isLoaded: boolean;
  signIn: Bound<'signIn'>;
  completeSignIn: Bound<'completeSignIn'>;
  signInWithPasskey: Bound<'signInWithPasskey'>;
  sendEmailCode: Bound<'sendEmailCode'>;
  signInWithEmailCode: Bound<'signInWithEmailCode'>;
  sendEmailLink: Bound<'sendEmailLink'>;
  signInWithEmailLink: Bound<'signInWithEmailLink'>;
  sendPhoneCode: Bound<'sendPhoneCode'>;
  signInWithPhoneCode: Bound<'signInWithPhoneCode'>;
  startOAuth: Bound<'startOAuth'>;
  exchangeOAuthCode: Bound<'exchangeOAuthCode'>;
  forgotPassword: Bound<'forgotPassword'>;
  resetPassword: Bound<'resetPassword'>;
}

/** The client's sign-in steps, bound (stable between renders). */
export function useSignIn(): UseSignInResult {
  const { client } = useAuthStore();
  const { isLoaded } = useSnapshot();
  const steps = useMemo(
    () => ({
      signIn: client.signIn.bind(client),
      completeSignIn: client.completeSignIn.bind(client),
      signInWithPasskey: client.signInWithPasskey.bind(client),
      sendEmailCode: client.sendEmailCode.bind(client),
      signInWithEmailCode: client.signInWithEmailCode.bind(client),
      sendEmailLink: client.sendEmailLink.bind(client),
      signInWithEmailLink: client.signInWithEmailLink.bind(client),
      sendPhoneCode: client.sendPhoneCode.bind(client),
      signInWithPhoneCode: client.signInWithPhoneCode.bind(client),
      startOAuth: client.startOAuth.bind(client),
      exchangeOAuthCode: client.exchangeOAuthCode.bind(client),
      forgotPassword: client.forgotPassword.bind(client),
      resetPassword: client.resetPassword.bind(client),
    }),
    [client],
  );
  return { isLoaded, ...steps };
}

export interface UseSignUpResult {
  isLoaded: boolean;
  signUp: Bound<'signUp'>;
  signUpAnonymously: Bound<'signUpAnonymously'>;
  getSignUpAttributes: Bound<'getSignUpAttributes'>;
}

export function useSignUp(): UseSignUpResult {
  const { client } = useAuthStore();
  const { isLoaded } = useSnapshot();
  const steps = useMemo(
    () => ({
      signUp: client.signUp.bind(client),
      signUpAnonymously: client.signUpAnonymously.bind(client),
      getSignUpAttributes: client.getSignUpAttributes.bind(client),
    }),
    [client],
  );
  return { isLoaded, ...steps };
}

export interface UseSessionListResult {
  /** The list has arrived (or the user is signed out: then `sessions` is empty). */
  isLoaded: boolean;
  /** The user's active sessions, `current` marking this one. */
  sessions: SessionWithActivities[];
  error: Error | null;
  reload(): Promise<void>;
  /** Ends one session (the current one signs this client out), then reloads the list. */
  revoke(sessionId: string): Promise<void>;
}

export function useSessionList(): UseSessionListResult {
  const store = useAuthStore();
  const { isLoaded: userLoaded, user } = useSnapshot();
  const [state, setState] = useState<{
    userId: string | null;
    sessions: SessionWithActivities[];
    error: Error | null;
  } | null>(null);
  const userId = user?.id ?? null;
  const load = useCallback(async () => {
    if (!user) return setState({ userId: null, sessions: [], error: null });
    try {
      setState({ userId: user.id, sessions: await user.getSessions(), error: null });
    } catch (error) {
      setState({ userId: user.id, sessions: [], error: error as Error });
    }
    // The user object is updated in place: its id is what changes the list.
  }, [userId]);
  useEffect(() => {
    if (userLoaded) void load();
  }, [userLoaded, load]);
  const revoke = useCallback(
    async (sessionId: string) => {
      if (!user) return;
      const current = state?.sessions.find((session) => session.id === sessionId)?.current;
      await user.revokeSession(sessionId);
      // The current session is gone on the API: only this client's copy is left to forget.
      if (current) await store.signOut().catch(() => undefined);
      else await load();
    },
    [user, state, load, store],
  );
  const fresh = state !== null && state.userId === userId;
  return {
    isLoaded: userLoaded && fresh,
    sessions: fresh ? state.sessions : [],
    error: fresh ? state.error : null,
    reload: load,
    revoke,
  };
}
