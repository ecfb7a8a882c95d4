import { UserKitError } from './errors.js';
import type {
  AuditLogPageResponse,
  OwnAttributeSchemaResponse,
  PasskeyRequestOptionsResponse,
  EmailCodeRequestDto,
  EmailCodeSignInDto,
  EmailLinkRequestDto,
  PhoneCodeRequestDto,
  PhoneCodeSignInDto,
  SignInDto,
  SignUpDto,
  TokenResponse,
  TwoFactorChallengeResponse,
  UpgradeResponse,
} from './generated/api-types.js';
import {
  NO_ACTIVE_ORGANIZATION,
  type ActiveOrganization,
} from './organizations/active-organization.js';
import { OrganizationsClient } from './organizations/organizations-client.js';
import { browserPasskeys, type PasskeyAuthenticator } from './passkeys.js';
import { memoryStorage, type TokenStorage } from './storage.js';
import { Transport, type HttpMethod } from './transport.js';
import { queryString, User, type UserHost } from './user.js';

export interface UserKitClientOptions {
  /** Where the API is served, e.g. `https://app.example.com` or `http://127.0.0.1:3000`. */
  baseUrl: string;
  /** Keeps the refresh token; memory by default. `webStorage(localStorage)` survives reloads. */
  storage?: TokenStorage;
  /** Storage key of the refresh token. Default `userkit.refreshToken`. */
  storageKey?: string;
  /** The fetch to use; default the platform's `globalThis.fetch`. */
  fetch?: typeof fetch;
  /**
   * `'cookie'`: the refresh token stays in the API's httpOnly cookie (pages served by the
   * module's `ui`, same origin); `storage` is then unused. Default `'storage'`.
   */
  session?: 'storage' | 'cookie';
  /** Cookie mode: where the session routes are, e.g. `/account/session` (`{ui.path}/session`). */
  sessionUrl?: string;
  /** What creates and uses passkeys; default the browser's WebAuthn (`browserPasskeys`). */
  passkeys?: PasskeyAuthenticator;
}

/** The filters and paging of `getAuditLog`. */
export interface AuditLogParams {
  userId?: string;
  type?: string;
  actorId?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

export type SignInResult = { twoFactorRequired: false; user: User } | { twoFactorRequired: true };

export type AuthListener = (user: User | null) => void;

/** A client for one API: the session, `user`, and sign-in/up/out. */
export class UserKitClient {
  #user: User | null = null;
  #challenge: string | null = null;
  #activeOrganization: ActiveOrganization = NO_ACTIVE_ORGANIZATION;
  readonly #listeners = new Set<AuthListener>();
  readonly #transport: Transport;
  readonly #host: UserHost;
  readonly #storage: TokenStorage;
  readonly #verifierKey: string;
  /** Organizations, members and invitations (the API's UserOrganizationsModule). */
  readonly organizations: OrganizationsClient;

  constructor(options: UserKitClientOptions) {
    const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#storage = options.storage ?? memoryStorage();
    this.#verifierKey = `${options.storageKey ?? 'userkit.refreshToken'}.oauthVerifier`;
    this.#transport = new Transport({
      baseUrl: options.baseUrl,
      fetch: fetchImpl,
      storage: this.#storage,
      storageKey: options.storageKey ?? 'userkit.refreshToken',
      sessionUrl:
        options.session === 'cookie'
          ? (options.sessionUrl ?? `${options.baseUrl.replace(/\/+$/, '')}/account/session`)
          : undefined,
      onTokens: (tokens) => this.#setUser(tokens.user),
      onSignedOut: () => this.#setUser(null),
    });
    this.#host = {
      transport: this.#transport,
      applyUpgrade: (response: UpgradeResponse) =>
        this.#transport.setTokens(response.tokens.accessToken, response.tokens.refreshToken),
      changed: (user) => this.#notify(user),
      forget: () => this.#forget(),
      passkeys: options.passkeys ?? browserPasskeys,
    };
    this.organizations = new OrganizationsClient(this.#transport, {
      current: () => this.#activeOrganization,
      changed: (active) => {
        this.#activeOrganization = active;
        this.#notify(this.#user);
      },
      userId: () => this.#user?.id ?? null,
    });
  }

  /** The signed-in user, or null. After a page load call `restore()` first. */
  get user(): User | null {
    return this.#user;
  }

  get isSignedIn(): boolean {
    return this.#user !== null;
  }

  /**
   * The session's organization as this client last heard it (`setActiveOrganization`,
   * `loadActiveOrganization`, `organizations.getActive`/`setActive`); none after a sign-in (a new
   * session starts without one). After `restore()`, `loadActiveOrganization()` reads the one the
   * session kept.
   */
  get activeOrganization(): ActiveOrganization {
    return this.#activeOrganization;
  }

  /** The active organization's id, or null. */
  get orgId(): string | null {
    return this.#activeOrganization.orgId;
  }

  /** Your role in the active organization (`owner`, `admin`, `member`, the app's own), or null. */
  get orgRole(): string | null {
    return this.#activeOrganization.orgRole;
  }

  /**
   * Makes one of your organizations this session's (null: none); `onChange` listeners hear it.
   * Rejects with 404 ORGANIZATION_NOT_FOUND for one you are not a member of.
   */
  async setActiveOrganization(organizationId: string | null): Promise<ActiveOrganization> {
    await this.organizations.setActive(organizationId);
    return this.#activeOrganization;
  }

  /** Reads the session's organization from the API (e.g. after `restore()` on a page load). */
  async loadActiveOrganization(): Promise<ActiveOrganization> {
    await this.organizations.getActive();
    return this.#activeOrganization;
  }

  /** Resumes the session kept in `storage` (refresh token); null when there is none any more. */
  async restore(): Promise<User | null> {
    if (!this.#user) await this.#transport.refresh();
    return this.#user;
  }

  async signUp(params: SignUpDto): Promise<User> {
    return this.#signedIn(
      await this.#transport.send<TokenResponse>('POST', '/auth/signup', {
        body: params,
        auth: false,
      }),
    );
  }

  /**
   * What a sign-up form asks: the attributes a new user may give (`customAttributes` of
   * `signUp`), with labels and rules; `validation.required` marks those sign-up needs.
   */
  getSignUpAttributes(): Promise<OwnAttributeSchemaResponse> {
    return this.#transport.send<OwnAttributeSchemaResponse>('GET', '/auth/signup/attributes', {
      auth: false,
    });
  }

  async signUpAnonymously(): Promise<User> {
    return this.#signedIn(
      await this.#transport.send<TokenResponse>('POST', '/auth/signup/anonymous', {
        body: {},
        auth: false,
      }),
    );
  }

  /**
   * With `{ email, password }` or `{ username, password }` (where the app takes usernames).
   * Resolves `{ twoFactorRequired: true }` when a second factor is due: then `completeSignIn`.
   */
  async signIn(params: SignInDto): Promise<SignInResult> {
    const identifier =
      params.username !== undefined ? { username: params.username } : { email: params.email };
    return this.#tokensOrChallenge(
      await this.#transport.send<TokenResponse | TwoFactorChallengeResponse>(
        'POST',
        '/auth/login',
        {
          body: { ...identifier, password: params.password },
          auth: false,
        },
      ),
    );
  }

  /**
   * Sign-in by SMS, step one (where the app signs in by phone): a code goes to the number when it
   * is a verified number of an account. Resolves the same way for every number.
   */
  async sendPhoneCode(params: PhoneCodeRequestDto): Promise<void> {
    await this.#transport.send('POST', '/auth/phone-code', {
      body: { phoneNumber: params.phoneNumber },
      auth: false,
    });
  }

  /**
   * Sign-in by SMS, step two: the number and the code it received. Resolves
   * `{ twoFactorRequired: true }` when a second factor is due: then `completeSignIn`.
   */
  async signInWithPhoneCode(params: PhoneCodeSignInDto): Promise<SignInResult> {
    return this.#tokensOrChallenge(
      await this.#transport.send<TokenResponse | TwoFactorChallengeResponse>(
        'POST',
        '/auth/phone-code/verify',
        { body: { phoneNumber: params.phoneNumber, code: params.code }, auth: false },
      ),
    );
  }

  /**
   * Sign-in by email code, step one (UserContactsModule with `emailSignIn: true`): a code goes to
   * the address when it is a verified address of an account. Resolves the same for every address.
   */
  async sendEmailCode(params: EmailCodeRequestDto): Promise<void> {
    await this.#transport.send('POST', '/auth/email-code', {
      body: { email: params.email },
      auth: false,
    });
  }

  /**
   * Sign-in by email code, step two: the address and the code it received. Resolves
   * `{ twoFactorRequired: true }` when a second factor is due: then `completeSignIn`.
   */
  async signInWithEmailCode(params: EmailCodeSignInDto): Promise<SignInResult> {
    return this.#tokensOrChallenge(
      await this.#transport.send<TokenResponse | TwoFactorChallengeResponse>(
        'POST',
        '/auth/email-code/verify',
        { body: { email: params.email, code: params.code }, auth: false },
      ),
    );
  }

  /**
   * Sign-in by email link (UserContactsModule with `emailLinkSignIn: true`): a link goes to the
   * address when it can sign in; opened, it returns to `redirectUrl` (on the allow-list) with
   * `?code=` for `signInWithEmailLink`, or `?error=`. Resolves the same for every address. `bind`:
   * as `startOAuth`, only this client (its storage's verifier) can then redeem the code.
   */
  async sendEmailLink(
    params: Pick<EmailLinkRequestDto, 'email' | 'redirectUrl'> & { bind?: boolean },
  ): Promise<void> {
    const body: EmailLinkRequestDto = { email: params.email, redirectUrl: params.redirectUrl };
    if (params.bind) body.codeChallenge = await this.#newCodeChallenge();
    await this.#transport.send('POST', '/auth/email-link', { body, auth: false });
  }

  /**
   * The `code` the email link's redirect brought back → a session (the same exchange as OAuth's).
   * With 2FA on, resolves `{ twoFactorRequired: true }`: then `completeSignIn`.
   */
  async signInWithEmailLink(code: string): Promise<SignInResult> {
    return this.exchangeOAuthCode(code);
  }

  /** The second step of a sign-in: the TOTP (or recovery) code. */
  async completeSignIn(params: { code: string }): Promise<User> {
    if (!this.#challenge)
      throw new UserKitError(
        400,
        'NO_SIGN_IN_PENDING',
        'Call signIn first: no second factor is due',
      );
    const tokens = await this.#transport.send<TokenResponse>('POST', '/auth/login/2fa', {
      body: { challenge: this.#challenge, code: params.code },
      auth: false,
    });
    this.#challenge = null;
    return this.#signedIn(tokens);
  }

  /**
   * Signs in with a passkey (UserPasskeysModule), no password: with `email`, one of that account's
   * passkeys; without, any passkey the authenticator holds for this app. No second factor follows.
   * `autofill`: waits for the user to pick a passkey in the autofill of an input with
   * `autocomplete="username webauthn"` (see `passkeyAutofillAvailable`); end it with `signal`.
   */
  async signInWithPasskey(
    params: { email?: string; autofill?: boolean; signal?: AbortSignal } = {},
  ): Promise<User> {
    const options = await this.#transport.send<PasskeyRequestOptionsResponse>(
      'POST',
      '/auth/passkey/options',
      { body: params.email === undefined ? {} : { email: params.email }, auth: false },
    );
    const response = await this.#host.passkeys.get(options, {
      ...(params.autofill ? { mediation: 'conditional' as const } : {}),
      ...(params.signal ? { signal: params.signal } : {}),
    });
    return this.#signedIn(
      await this.#transport.send<TokenResponse>('POST', '/auth/passkey', {
        body: { response },
        auth: false,
      }),
    );
  }

  /** Revokes the session on the API and forgets it here (also when the API is unreachable). */
  async signOut(): Promise<void> {
    if (this.#transport.cookieMode) {
      try {
        await this.#transport.signOutByCookie();
      } finally {
        await this.#transport.clear();
        this.#setUser(null);
      }
      return;
    }
    const refreshToken = await this.#transport.refreshToken();
    try {
      if (refreshToken)
        await this.#transport.send('POST', '/auth/logout', { body: { refreshToken }, auth: false });
    } finally {
      await this.#transport.clear();
      this.#setUser(null);
    }
  }

  /** After the account was deleted: its session died with it, so only local state is left. */
  async #forget(): Promise<void> {
    try {
      // Cookie mode: the httpOnly cookie is only cleared by the API's answer.
      if (this.#transport.cookieMode) await this.#transport.signOutByCookie();
    } catch {
      // The session is gone with the account either way: a stale cookie signs no one in.
    } finally {
      await this.#transport.clear();
      this.#setUser(null);
    }
  }

  /** Where to send the browser to sign in with a provider; it comes back with `?code=`. */
  oauthUrl(provider: string, redirectUrl: string): string {
    const query = new URLSearchParams({ redirect_url: redirectUrl });
    return this.#transport.url(`/oauth/${encodeURIComponent(provider)}?${query}`);
  }

  /**
   * Like `oauthUrl`, bound to this client: a secret verifier goes to the storage and its S256
   * challenge into the URL, so only this client can exchange the code that comes back. Needed
   * when the front-end is on another site than the API (the binding cookie does not reach it);
   * keep the storage across the provider's redirect (e.g. `webStorage(sessionStorage)`).
   */
  async startOAuth(provider: string, redirectUrl: string): Promise<string> {
    const query = new URLSearchParams({
      redirect_url: redirectUrl,
      code_challenge: await this.#newCodeChallenge(),
    });
    return this.#transport.url(`/oauth/${encodeURIComponent(provider)}?${query}`);
  }

  /** A new secret verifier kept in the storage; answers its S256 challenge. */
  async #newCodeChallenge(): Promise<string> {
    const verifier = base64Url(crypto.getRandomValues(new Uint8Array(32)));
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
    await this.#storage.set(this.#verifierKey, verifier);
    return base64Url(new Uint8Array(digest));
  }

  /**
   * Trades the one-time `code` of the OAuth redirect for a session (with the verifier of
   * `startOAuth`, if any). With 2FA on, resolves `{ twoFactorRequired: true }`: then `completeSignIn`.
   */
  async exchangeOAuthCode(code: string): Promise<SignInResult> {
    const codeVerifier = (await this.#storage.get(this.#verifierKey)) ?? undefined;
    await this.#storage.remove(this.#verifierKey);
    return this.#tokensOrChallenge(
      await this.#transport.send<TokenResponse | TwoFactorChallengeResponse>(
        'POST',
        '/auth/oauth/exchange',
        { body: codeVerifier ? { code, codeVerifier } : { code }, auth: false },
      ),
    );
  }

  /** Sends a reset message when the email is known (the answer never says whether it is). */
  async forgotPassword(params: { email: string }): Promise<void> {
    await this.#transport.send('POST', '/auth/password/forgot', { body: params, auth: false });
  }

  async resetPassword(params: { token: string; password: string }): Promise<void> {
    await this.#transport.send('POST', '/auth/password/reset', { body: params, auth: false });
  }

  /**
   * The audit log, newest first (GET /admin/audit-log; the `admin` role and UserAuditLogModule):
   * filter by `userId`, `type`, `actorId`, a time window (`from` inclusive, `to` exclusive, ISO
   * 8601); pass `nextCursor` as `cursor` for the next page.
   */
  getAuditLog(params: AuditLogParams = {}): Promise<AuditLogPageResponse> {
    return this.#transport.send('GET', `/admin/audit-log${queryString({ ...params })}`);
  }

  /** A valid access token (refreshed if needed) for the host's own API, or null when signed out. */
  getAccessToken(): Promise<string | null> {
    return this.#transport.currentAccessToken();
  }

  /**
   * Trades the refresh token for a new pair now (one refresh for concurrent callers), e.g. just
   * before the access token expires; false when there is no session to refresh.
   */
  refreshSession(): Promise<boolean> {
    return this.#transport.refresh();
  }

  /** A signed-in call to any route of the API (the host's own too), with the same refresh. */
  request<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
    return this.#transport.send<T>(method, path, { body });
  }

  /** Called on sign-in, sign-out and user changes; returns the unsubscribe function. */
  onChange(listener: AuthListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** A first factor's answer: the session, or the challenge `completeSignIn` answers. */
  async #tokensOrChallenge(
    response: TokenResponse | TwoFactorChallengeResponse,
  ): Promise<SignInResult> {
    if ('twoFactorRequired' in response && response.twoFactorRequired) {
      this.#challenge = response.challenge;
      return { twoFactorRequired: true };
    }
    return { twoFactorRequired: false, user: await this.#signedIn(response as TokenResponse) };
  }

  async #signedIn(tokens: TokenResponse): Promise<User> {
    await this.#transport.setTokens(tokens.accessToken, tokens.refreshToken);
    // A new session: it has no organization yet.
    this.#activeOrganization = NO_ACTIVE_ORGANIZATION;
    return this.#setUser(tokens.user) as User;
  }

  #setUser(data: TokenResponse['user'] | null): User | null {
    if (!data) {
      this.#user = null;
      this.#activeOrganization = NO_ACTIVE_ORGANIZATION;
    } else if (this.#user && this.#user.id === data.id) this.#user.assign(data);
    else this.#user = new User(this.#host, data);
    this.#notify(this.#user);
    return this.#user;
  }

  #notify(user: User | null): void {
    for (const listener of this.#listeners) listener(user);
  }
}

export function createUserKitClient(options: UserKitClientOptions): UserKitClient {
  return new UserKitClient(options);
}

function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
