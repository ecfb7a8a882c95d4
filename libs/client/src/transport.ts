import { UserKitError } from './errors.js';
import type { TokenResponse } from './generated/api-types.js';
import type { TokenStorage } from './storage.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  /** A JSON body, or FormData (sent as multipart). */
  body?: unknown;
  /** Send the access token, refreshing once on a 401. Default true. */
  auth?: boolean;
  /** fetch's `credentials`, for a call whose cookie the API must be able to set cross-origin. */
  credentials?: RequestInit['credentials'];
}

export interface TransportOptions {
  baseUrl: string;
  fetch: typeof fetch;
  storage: TokenStorage;
  storageKey: string;
  /**
   * Cookie mode (the prebuilt pages): the API keeps the refresh token in an httpOnly cookie that
   * only `${sessionUrl}/refresh` and `/logout` receive; page script never holds it.
   */
  sessionUrl?: string;
  /** A new token pair arrived (sign-in, refresh, upgrade). */
  onTokens(tokens: TokenResponse): void;
  /** The session ended: sign-out, or a refresh the API refused. */
  onSignedOut(): void;
}

/** The part of the Web Locks API (`navigator.locks`) used here. */
interface WebLocks {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/**
 * HTTP to the API with the session's tokens. The access token lives in memory only; the refresh
 * token in the storage. A 401 refreshes once and retries once; concurrent 401s wait for the same
 * refresh (the refresh token is single use: two refreshes with it would revoke the session).
 */
export class Transport {
  private accessToken: string | null = null;
  private refreshing: Promise<boolean> | null = null;
  /** Bumped by every new pair or sign-out: a refresh answered after one is stale. */
  private generation = 0;

  constructor(private readonly options: TransportOptions) {}

  url(path: string): string {
    return `${this.options.baseUrl.replace(/\/+$/, '')}${path}`;
  }

  async send<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
    const auth = options.auth ?? true;
    if (auth && !this.accessToken) await this.refresh();
    const tokenSent = this.accessToken;
    let response = await this.fetchOnce(method, path, options.body, auth, options.credentials);
    if (response.status === 401 && auth) {
      // Another call may have refreshed while this one was in flight: then just retry.
      const refreshed = this.accessToken !== tokenSent || (await this.refresh());
      if (refreshed)
        response = await this.fetchOnce(method, path, options.body, auth, options.credentials);
    }
    if (!response.ok) throw await UserKitError.fromResponse(response);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Stores a new pair (sign-in, sign-up, upgrade, refresh). */
  async setTokens(accessToken: string, refreshToken: string | undefined): Promise<void> {
    this.accessToken = accessToken;
    this.generation += 1;
    // Cookie mode: the answer has no refresh token (it went into the cookie).
    if (refreshToken !== undefined && !this.cookieMode)
      await this.options.storage.set(this.options.storageKey, refreshToken);
  }

  get cookieMode(): boolean {
    return this.options.sessionUrl !== undefined;
  }

  /** Cookie mode: ends the session the cookie names, and clears the cookie. */
  async signOutByCookie(): Promise<void> {
    const response = await this.fetchUrl(
      'POST',
      `${this.options.sessionUrl}/logout`,
      undefined,
      false,
    );
    if (!response.ok) throw await UserKitError.fromResponse(response);
  }

  async refreshToken(): Promise<string | null> {
    return (await this.options.storage.get(this.options.storageKey)) ?? null;
  }

  async currentAccessToken(): Promise<string | null> {
    if (!this.accessToken) await this.refresh();
    return this.accessToken;
  }

  async clear(): Promise<void> {
    this.accessToken = null;
    this.generation += 1;
    await this.options.storage.remove(this.options.storageKey);
  }

  /** One refresh at a time; true when a new pair arrived. */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.refreshNow().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /**
   * Tabs of one origin share the refresh token (the storage, or the cookie) and each has its own
   * Transport: the Web Locks API, where there is one, makes their refreshes take turns, so no tab
   * presents a token another has just spent (the API takes that for theft and ends the session).
   */
  private refreshNow(): Promise<boolean> {
    const locks = (globalThis as { navigator?: { locks?: WebLocks } }).navigator?.locks;
    if (!locks) return this.refreshUnlocked();
    const name = `userkit-refresh:${this.options.sessionUrl ?? this.options.storageKey}`;
    return locks.request(name, () => this.refreshUnlocked());
  }

  private async refreshUnlocked(): Promise<boolean> {
    const generation = this.generation;
    let response: Response;
    if (this.cookieMode) {
      response = await this.fetchUrl(
        'POST',
        `${this.options.sessionUrl}/refresh`,
        undefined,
        false,
      );
    } else {
      const refreshToken = await this.refreshToken();
      if (!refreshToken) return false;
      response = await this.fetchOnce('POST', '/auth/refresh', { refreshToken }, false);
    }
    // 401: expired, revoked or reused; 400: not a token at all (a corrupted store). Either way
    // this session is over; other failures (429, 503, network) leave it for a later retry.
    if (response.status === 401 || response.status === 400) {
      // A sign-in finished while this refresh was in flight (e.g. a page load's restore racing an
      // OAuth code exchange): its refusal concerns the older session, not the new one.
      if (this.generation !== generation) return this.accessToken !== null;
      await this.clear();
      this.options.onSignedOut();
      return false;
    }
    if (!response.ok) throw await UserKitError.fromResponse(response);
    const tokens = (await response.json()) as TokenResponse;
    await this.setTokens(tokens.accessToken, tokens.refreshToken);
    this.options.onTokens(tokens);
    return true;
  }

  private fetchOnce(
    method: HttpMethod,
    path: string,
    body: unknown,
    auth: boolean,
    credentials?: RequestInit['credentials'],
  ): Promise<Response> {
    return this.fetchUrl(method, this.url(path), body, auth, credentials);
  }

  private async fetchUrl(
    method: HttpMethod,
    url: string,
    body: unknown,
    auth: boolean,
    credentials?: RequestInit['credentials'],
  ): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    // Asks token-issuing routes for the cookie; a cross-site page cannot send it (CSRF).
    if (this.cookieMode) headers['X-UserKit-Session'] = 'cookie';
    if (auth && this.accessToken) headers.Authorization = `Bearer ${this.accessToken}`;
    let payload: RequestInit['body'];
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    try {
      return await this.options.fetch(url, {
        method,
        headers,
        body: payload,
        ...(this.cookieMode ? { credentials: 'same-origin' as const } : {}),
        ...(credentials ? { credentials } : {}),
      });
    } catch (error) {
      throw new UserKitError(0, 'NETWORK_ERROR', `Could not reach ${url}`, undefined, {
        cause: String(error),
      });
    }
  }
}
