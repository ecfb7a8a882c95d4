import {
  createUserKitClient,
  webStorage,
  type UserKitClient,
  type WebStorageLike,
} from '@userkit/client';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { AuthStore, type AuthStoreOptions } from './auth-store.js';

export interface UserKitProviderProps extends AuthStoreOptions {
  /** Where the API is served; the provider creates its client. Or pass `client`. */
  baseUrl?: string;
  /** A client you created (its storage, fetch, passkeys); wins over `baseUrl`. */
  client?: UserKitClient;
  /**
   * With `baseUrl`: `'storage'` keeps the refresh token in localStorage (default), `'cookie'` in
   * the API's httpOnly cookie (pages on the API's own origin, the module's `ui` on).
   */
  session?: 'storage' | 'cookie';
  children?: ReactNode;
}

const UserKitContext = createContext<AuthStore | null>(null);

/**
 * One client for the tree below: the session restored on load, refreshed before expiry, and
 * sign-in and sign-out seen across tabs. Renders signed out on the server and until restored.
 */
export function UserKitProvider(props: UserKitProviderProps): ReactNode {
  const [store] = useState(
    () =>
      new AuthStore(props.client ?? clientFor(props.baseUrl, props.session), {
        refreshBeforeExpiry: props.refreshBeforeExpiry,
        syncTabs: props.syncTabs,
      }),
  );
  useEffect(() => store.start(), [store]);
  return <UserKitContext.Provider value={store}>{props.children}</UserKitContext.Provider>;
}

function clientFor(baseUrl: string | undefined, session: 'storage' | 'cookie' = 'storage') {
  if (baseUrl === undefined) throw new Error('UserKitProvider needs a baseUrl or a client');
  // Read at render time: in a browser the tabs share localStorage; on a server (no document)
  // the client keeps nothing, and no browser global is touched.
  const browser = typeof document !== 'undefined';
  const localStorage = browser
    ? (globalThis as { localStorage?: WebStorageLike }).localStorage
    : undefined;
  return createUserKitClient({
    baseUrl,
    session,
    ...(localStorage && session === 'storage' ? { storage: webStorage(localStorage) } : {}),
  });
}

/** The provider's store; throws outside a UserKitProvider. */
export function useAuthStore(): AuthStore {
  const store = useContext(UserKitContext);
  if (!store) throw new Error('@userkit/react: wrap the app in <UserKitProvider>');
  return store;
}

/** The provider's `UserKitClient`, for what the hooks do not cover. */
export function useUserKitClient(): UserKitClient {
  return useAuthStore().client;
}
