import type { ActiveOrganization, UserKitClient, User } from '@userkit/client';
import { accessTokenTiming } from './access-token.js';
import { loadActiveOrganization } from './active-organization.js';
import { syncTabs } from './tab-sync.js';

/** What the hooks read: a new object on every change, so React sees `user`'s in-place updates. */
export interface AuthSnapshot {
  /** The first restore of the session has finished (always false on the server). */
  isLoaded: boolean;
  user: User | null;
  /** The session's organization (`orgId`, `orgRole`, …), as `client.activeOrganization`. */
  activeOrganization: ActiveOrganization;
  /** Grows when an organization hook changed organizations: the organization hooks reload. */
  organizationsRevision: number;
}

const NO_ORGANIZATION: ActiveOrganization = Object.freeze({
  orgId: null,
  orgSlug: null,
  orgRole: null,
  orgPermissions: [],
}) as ActiveOrganization;

/** What the server and the hydrating browser render: signed out, not loaded yet. */
const SERVER_SNAPSHOT: AuthSnapshot = Object.freeze({
  isLoaded: false,
  user: null,
  activeOrganization: NO_ORGANIZATION,
  organizationsRevision: 0,
});

export interface AuthStoreOptions {
  /** Refresh the session shortly before the access token expires. Default true. */
  refreshBeforeExpiry?: boolean;
  /** Sign-in and sign-out in one tab are seen in the other tabs of the origin. Default true. */
  syncTabs?: boolean;
}

/**
 * The provider's state around one client: its user as snapshots for `useSyncExternalStore`, the
 * session restored once, refreshes before expiry and the tab sync. Nothing here runs before
 * `start()`, which only an effect calls: importing or server rendering touches no browser API.
 */
export class AuthStore {
  #snapshot: AuthSnapshot = SERVER_SNAPSHOT;
  readonly #listeners = new Set<() => void>();
  #loaded: Promise<void> | null = null;
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** Between `start()` and its stop: no timer is set outside. */
  #running = false;
  /** The refresh that replaces one stale access token, shared by every caller that saw it. */
  #refreshOf: { stale: string; fresh: Promise<string | null> } | null = null;

  constructor(
    readonly client: UserKitClient,
    private readonly options: AuthStoreOptions = {},
  ) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly getSnapshot = (): AuthSnapshot => this.#snapshot;

  readonly getServerSnapshot = (): AuthSnapshot => SERVER_SNAPSHOT;

  /** Restores the session and follows the client; returns the stop (an effect's cleanup). */
  start(): () => void {
    this.#running = true;
    const stops: Array<() => void> = [];
    stops.push(this.client.onChange((user) => this.#publish(user)));
    if (this.options.syncTabs ?? true) stops.push(syncTabs(this.client));
    this.#loaded ??= this.client.restore().then(
      (user) => (user ? loadActiveOrganization(this.client) : undefined),
      () => undefined, // unreachable API: signed out for now, the next call retries
    );
    let stopped = false;
    void this.#loaded.then(() => {
      if (stopped) return;
      this.#snapshot = { ...this.#snapshot, isLoaded: true };
      this.#publish(this.client.user);
    });
    return () => {
      stopped = true;
      this.#running = false;
      clearTimeout(this.#refreshTimer);
      for (const stop of stops) stop();
    };
  }

  /**
   * The session's access token (a template's token with `template`), refreshed first when it has
   * expired: concurrent callers holding the same expired token share one refresh. Null signed out.
   */
  readonly getToken = async (template?: string): Promise<string | null> => {
    if (this.#loaded) await this.#loaded;
    if (!this.client.user) return null;
    let token = await this.client.getAccessToken();
    const timing = token ? accessTokenTiming(token) : null;
    // A token about to expire counts as expired (it would die on its way to the host's API).
    const margin = timing ? Math.min(5_000, (timing.expiresAt - timing.issuedAt) / 10) : 0;
    if (token && timing && timing.expiresAt - Date.now() < margin)
      token = await this.#refresh(token);
    if (!token || !this.client.user) return null;
    return template === undefined ? token : this.client.user.getToken(template);
  };

  readonly signOut = (): Promise<void> => this.client.signOut();

  /** An organization hook created, changed or left one: every organization hook reloads. */
  readonly organizationsChanged = (): void => {
    this.#snapshot = {
      ...this.#snapshot,
      organizationsRevision: this.#snapshot.organizationsRevision + 1,
    };
    for (const listener of this.#listeners) listener();
  };

  #refresh(stale: string): Promise<string | null> {
    if (this.#refreshOf?.stale !== stale) {
      const fresh = this.client
        .refreshSession()
        .then((refreshed) => (refreshed && this.client.user ? this.client.getAccessToken() : null));
      this.#refreshOf = { stale, fresh };
    }
    return this.#refreshOf.fresh;
  }

  #publish(user: User | null): void {
    this.#snapshot = {
      ...this.#snapshot,
      user,
      activeOrganization: this.client.activeOrganization,
    };
    for (const listener of this.#listeners) listener();
    if (this.#snapshot.isLoaded && (this.options.refreshBeforeExpiry ?? true))
      void this.#scheduleRefresh();
  }

  /** One timer: a fifth of the token's life (at most 30 s) before it ends, a refresh. */
  async #scheduleRefresh(): Promise<void> {
    clearTimeout(this.#refreshTimer);
    this.#refreshTimer = undefined;
    if (!this.client.user) return;
    const token = await this.client.getAccessToken().catch(() => null);
    const timing = token ? accessTokenTiming(token) : null;
    if (!timing || !this.#running) return;
    const lead = Math.min(30_000, (timing.expiresAt - timing.issuedAt) / 5);
    const delay = Math.max(0, timing.expiresAt - lead - Date.now());
    clearTimeout(this.#refreshTimer);
    this.#refreshTimer = setTimeout(() => {
      // A refused refresh signs the client out (listeners hear it); a network error waits for
      // the next call, whose 401 refreshes again.
      this.client.refreshSession().catch(() => undefined);
    }, delay);
  }
}
