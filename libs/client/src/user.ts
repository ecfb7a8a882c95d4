import type {
  BackupCodesResponse,
  EmailAddressResponse,
  ExternalAccountLinkResponse,
  ExternalAccountResponse,
  IntegrationTokenResponse,
  OwnAttributeSchemaResponse,
  PasskeyCreationOptionsResponse,
  PasskeyResponse,
  PhoneNumberResponse,
  ProfileImageResponse,
  SecurityActivityPageResponse,
  SessionResponse,
  TotpEnrollmentResponse,
  UpdateProfileDto,
  UpgradeDto,
  UpgradeResponse,
  UserDataExportResponse,
  UserResponse,
} from './generated/api-types.js';
import type { PasskeyAuthenticator } from './passkeys.js';
import type { Transport } from './transport.js';

/**
 * What the host's SelfViewExtension adds to `/me` (`user.extensions`). Name its data for your
 * types by augmenting this interface:
 * `declare module '@userkit/client' { interface UserExtensions { memberships: Membership[] } }`.
 */
export interface UserExtensions {
  [name: string]: unknown;
}

/** The user's fields as `/me` returns them; `twoFactorEnabled` is a method (as in the seed SDK). */
export type UserFields = Readonly<Omit<UserResponse, 'twoFactorEnabled' | 'extensions'>> & {
  /**
   * The host's own data from GET and PATCH /me (`reload()`, `update()`); absent in the answers of
   * sign-in, sign-up and refresh, and without a SelfViewExtension; null when it failed.
   */
  readonly extensions?: Readonly<UserExtensions> | null;
};

export interface CreateExternalAccountParams {
  /** `oauth_google` (the seed's naming) or just the provider name `google`. */
  strategy: string;
  /** Where the browser lands after the provider (must be on the API's redirect allow-list). */
  redirect_url?: string;
  redirectUrl?: string;
}

/**
 * What createExternalAccount returns: the stored external account, `unverified`, with its id; send
 * the browser to `verification.externalVerificationRedirectURL` (also at the top level).
 */
export type ExternalAccountStart = ExternalAccountLinkResponse & {
  verification: ExternalAccountLinkResponse['verification'] & {
    externalVerificationRedirectURL: string;
  };
};

/**
 * A live session of the user (`getSessions()`), as Clerk names it: `status`, `expireAt`,
 * `lastActiveAt` and `latestActivity { browserName, browserVersion, deviceType, isMobile,
 * ipAddress }`, plus `current` for the session of this client.
 */
export type SessionWithActivities = SessionResponse;

/** What `getToken(template, options)` takes. */
export interface GetTokenOptions {
  /**
   * Claims for this one token (e.g. `{ 'x-hasura-org-id': 'org_1' }`): the template's
   * `callerClaims` say which and how; any other is refused (UserKitError 400
   * `TOKEN_CLAIMS_INVALID`).
   */
  claims?: Record<string, unknown>;
}

/** Called with a new user view or token pair, so the client stays in step. */
export interface UserHost {
  transport: Transport;
  applyUpgrade(response: UpgradeResponse): Promise<void>;
  changed(user: User): void;
  /** The account is gone: forget its session here (the pages' cookie too). */
  forget(): Promise<void>;
  passkeys: PasskeyAuthenticator;
}

// The class carries the fields of UserFields (assigned from the API's response): declaration
// merging gives it their types without a second hand-written list.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface User extends UserFields {}

/**
 * The signed-in user (`client.user`): the fields of `/me` plus the seed SDK's methods. Methods
 * that change the user reload it, so its fields are current when they resolve.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class User {
  #host: UserHost;
  #twoFactorEnabled = false;

  constructor(host: UserHost, data: UserResponse) {
    this.#host = host;
    this.assign(data);
  }

  /** @internal Replaces the fields with a newer view of the same user. */
  assign(data: UserResponse): this {
    const { twoFactorEnabled, ...fields } = data;
    this.#twoFactorEnabled = twoFactorEnabled;
    Object.assign(this, fields);
    return this;
  }

  twoFactorEnabled(): boolean {
    return this.#twoFactorEnabled;
  }

  /** The accounts that sign this user in. */
  get verifiedExternalAccounts(): ExternalAccountResponse[] {
    return this.externalAccounts.filter((account) => account.verification.status === 'verified');
  }

  /**
   * Links started and not completed: `unverified` (the round trip is pending), `failed` (see
   * `verification.error`) or `expired`. Starting the same provider again reuses the account.
   */
  get unverifiedExternalAccounts(): ExternalAccountResponse[] {
    return this.externalAccounts.filter((account) => account.verification.status !== 'verified');
  }

  /** Whether any of the user's email addresses is verified. */
  get hasVerifiedEmailAddress(): boolean {
    return this.emailAddresses.some((address) => address.verified);
  }

  /** Whether any of the user's phone numbers is verified. */
  get hasVerifiedPhoneNumber(): boolean {
    return this.phoneNumbers.some((phone) => phone.verified);
  }

  async reload(): Promise<this> {
    this.assign(await this.send<UserResponse>('GET', '/me'));
    this.#host.changed(this);
    return this;
  }

  async update(params: UpdateProfileDto): Promise<this> {
    this.assign(await this.send<UserResponse>('PATCH', '/me', params));
    this.#host.changed(this);
    return this;
  }

  /** An anonymous user gets an email and password; same id, a new session. */
  async upgrade(params: UpgradeDto): Promise<this> {
    const response = await this.send<UpgradeResponse>('POST', '/me/upgrade', params);
    await this.#host.applyUpgrade(response);
    // The tokens stay in the client, never on the user object.
    const user: UserResponse & { tokens?: unknown } = { ...response };
    delete user.tokens;
    this.assign(user);
    this.#host.changed(this);
    return this;
  }

  async setProfileImage(params: { file: Blob }): Promise<ProfileImageResponse> {
    const form = new FormData();
    form.append('file', params.file);
    const image = await this.send<ProfileImageResponse>('PUT', '/me/profile-image', form);
    await this.reload();
    return image;
  }

  // Email addresses (POST /me/emails ...)
  async createEmailAddress(params: { email: string }): Promise<EmailAddressResponse> {
    return this.thenReload(this.send('POST', '/me/emails', params));
  }
  async verifyEmailAddress(id: string, params: { code: string }): Promise<this> {
    await this.thenReload(this.send('POST', `/me/emails/${seg(id)}/verify`, params));
    return this;
  }
  async resendEmailVerification(id: string): Promise<void> {
    await this.send('POST', `/me/emails/${seg(id)}/resend`);
  }
  async setPrimaryEmailAddress(id: string): Promise<this> {
    await this.thenReload(this.send('POST', `/me/emails/${seg(id)}/primary`));
    return this;
  }
  async deleteEmailAddress(id: string): Promise<this> {
    await this.thenReload(this.send('DELETE', `/me/emails/${seg(id)}`));
    return this;
  }

  // Phone numbers (POST /me/phones ...), E.164
  async createPhoneNumber(params: { phoneNumber: string }): Promise<PhoneNumberResponse> {
    return this.thenReload(this.send('POST', '/me/phones', params));
  }
  async verifyPhoneNumber(id: string, params: { code: string }): Promise<this> {
    await this.thenReload(this.send('POST', `/me/phones/${seg(id)}/verify`, params));
    return this;
  }
  async resendPhoneVerification(id: string): Promise<void> {
    await this.send('POST', `/me/phones/${seg(id)}/resend`);
  }
  async setPrimaryPhoneNumber(id: string): Promise<this> {
    await this.thenReload(this.send('POST', `/me/phones/${seg(id)}/primary`));
    return this;
  }
  async deletePhoneNumber(id: string): Promise<this> {
    await this.thenReload(this.send('DELETE', `/me/phones/${seg(id)}`));
    return this;
  }

  // External accounts (OAuth links)
  async createExternalAccount(params: CreateExternalAccountParams): Promise<ExternalAccountStart> {
    const provider = params.strategy.replace(/^oauth_/, '');
    const redirectUrl = params.redirectUrl ?? params.redirect_url;
    // The API binds the URL to this browser with a cookie: a cross-origin front-end must let the
    // browser keep it, and open the URL in this same browser.
    const account = await this.#host.transport.send<ExternalAccountLinkResponse>(
      'POST',
      '/me/external-accounts',
      { body: { provider, redirectUrl }, credentials: 'include' },
    );
    // The account is stored now: it shows in `unverifiedExternalAccounts` until the round trip.
    await this.reload();
    return account as ExternalAccountStart;
  }
  async deleteExternalAccount(id: string): Promise<this> {
    await this.thenReload(this.send('DELETE', `/me/external-accounts/${seg(id)}`));
    return this;
  }

  // Passkeys (UserPasskeysModule)
  /** The user's passkeys, oldest first. */
  getPasskeys(): Promise<PasskeyResponse[]> {
    return this.send('GET', '/me/passkeys');
  }
  /**
   * Creates a passkey with the authenticator (the browser's by default: the user picks or makes
   * one) and adds it. Needs a recent sign-in, as the API does.
   */
  async createPasskey(params: { name?: string } = {}): Promise<PasskeyResponse> {
    const options = await this.send<PasskeyCreationOptionsResponse>(
      'POST',
      '/me/passkeys/registration-options',
      {},
    );
    const response = await this.#host.passkeys.create(options);
    return this.send('POST', '/me/passkeys', { response, ...params });
  }
  updatePasskey(id: string, params: { name: string }): Promise<PasskeyResponse> {
    return this.send('PATCH', `/me/passkeys/${seg(id)}`, params);
  }
  /** Refused (`LAST_SIGN_IN_METHOD`) when it is the last way in. */
  async deletePasskey(id: string): Promise<void> {
    await this.send('DELETE', `/me/passkeys/${seg(id)}`);
  }

  /** The attributes this user may see, their rules, and which they may change. */
  getAttributeSchema(): Promise<OwnAttributeSchemaResponse> {
    return this.send('GET', '/me/attribute-schema');
  }

  // Sessions
  /** The user's live sessions, newest first, each with the device it signed in from. */
  getSessions(): Promise<SessionWithActivities[]> {
    return this.send('GET', '/me/sessions');
  }
  async revokeSession(id: string): Promise<void> {
    await this.send('DELETE', `/me/sessions/${seg(id)}`);
  }

  /**
   * Your own sign-ins (failed ones too), password and two-factor changes, newest first
   * (GET /me/security-activity, with UserAuditLogModule). Pass `nextCursor` for the next page.
   */
  getSecurityActivity(
    params: { limit?: number; cursor?: string } = {},
  ): Promise<SecurityActivityPageResponse> {
    return this.send('GET', `/me/security-activity${queryString(params)}`);
  }

  /**
   * The JWT of an integration template (`'hasura'`, `'firebase'`, or any name the API's options
   * give). `options.claims` adds claims to this one token: only those the template allows.
   */
  async getToken(template: string, options?: GetTokenOptions): Promise<string> {
    return (await this.getTokenWithExpiry(template, options)).jwt;
  }
  /** The same, with its lifetime in seconds (to know when to ask again). */
  getTokenWithExpiry(
    template: string,
    options?: GetTokenOptions,
  ): Promise<IntegrationTokenResponse> {
    const claims = options?.claims;
    const query =
      claims === undefined ? '' : `?${new URLSearchParams({ claims: JSON.stringify(claims) })}`;
    return this.send('GET', `/me/tokens/${seg(template)}${query}`);
  }

  // The user's data and account
  /**
   * Everything the API holds about the user that they may see, as one JSON document
   * (GET /me/export): the profile, addresses, phones, external accounts, metadata, attributes,
   * every session, and what feature modules add under `sections` (the audit log's
   * `securityActivity`). Rate-limited (429 past 3 a minute).
   */
  exportData(): Promise<UserDataExportResponse> {
    return this.send('GET', '/me/export');
  }
  /**
   * Deletes the account and everything of it (DELETE /me), then signs this client out. Needs a
   * recent sign-in (UserKitError 403 `REAUTHENTICATION_REQUIRED`: sign in again, then retry);
   * 400 `LAST_ADMIN` for the app's last admin, 403 `SELF_DELETION_DISABLED` when the app does
   * not allow it.
   */
  async deleteAccount(): Promise<void> {
    await this.send('DELETE', '/me');
    await this.#host.forget();
  }

  // Password and second factor
  async updatePassword(params: { currentPassword: string; newPassword: string }): Promise<void> {
    await this.send('POST', '/me/password', params);
  }
  /** A pending secret (`secret`, `otpauthUri` for the QR code) until verifyTOTP confirms it. */
  createTOTP(): Promise<TotpEnrollmentResponse> {
    return this.send('POST', '/me/2fa/totp', {});
  }
  /** Turns two-factor sign-in on; the backup codes are in this answer only: show them now. */
  verifyTOTP(params: { code: string }): Promise<BackupCodesResponse> {
    return this.thenReload(this.send('POST', '/me/2fa/totp/verify', params));
  }
  /** Needs a current code (authenticator or backup code) and a recent sign-in. */
  async disableTOTP(params: { code: string }): Promise<this> {
    await this.thenReload(this.send('DELETE', '/me/2fa', params));
    return this;
  }

  private send<T>(method: Parameters<Transport['send']>[0], path: string, body?: unknown) {
    return this.#host.transport.send<T>(method, path, { body });
  }

  private async thenReload<T>(request: Promise<T>): Promise<T> {
    const result = await request;
    await this.reload();
    return result;
  }
}

function seg(value: string): string {
  return encodeURIComponent(value);
}

/** `?a=1&b=2` of the defined parameters; empty when there are none. */
export function queryString(params: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    if (value !== undefined) query.set(name, String(value));
  const text = query.toString();
  return text ? `?${text}` : '';
}
