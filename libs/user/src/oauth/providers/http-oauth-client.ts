import type {
  OAuthProviderDescriptor,
  OAuthProviderEndpoints,
} from '../extension-points/oauth-provider-descriptor.js';
import type { OAuthProfile } from '../extension-points/oauth-profile.js';
import type { PassportProfile } from '../extension-points/passport-profile.js';
import type { OAuthProviderOptions } from '../options/user-oauth-module-options.js';
import { verifyIdToken } from './id-token.js';
import type {
  FetchedOAuthProfile,
  OAuthCallbackInput,
  OAuthProviderClient,
} from './oauth-provider-client.js';
import { OAuthProviderError } from './oauth-provider-error.js';
import { objectOf, stringOrNull } from './profile-fields.js';
import { ProviderHttp } from './provider-http.js';

export interface HttpOAuthClientSettings {
  name: string;
  options: OAuthProviderOptions;
  callbackUrl: string;
  timeoutMs: number;
}

/**
 * The library's own OAuth 2.0 client (authorization code, PKCE S256, nonce and ID token where the
 * provider has them) over `fetch`, driven by a provider descriptor. The library keeps the state,
 * the verifier and the redirect itself; every call to the provider is bounded by the timeout.
 */
export class HttpOAuthClient implements OAuthProviderClient {
  private endpointsPromise: Promise<OAuthProviderEndpoints> | null = null;

  constructor(
    private readonly descriptor: OAuthProviderDescriptor,
    private readonly settings: HttpOAuthClientSettings,
  ) {}

  get pkce(): boolean {
    return this.descriptor.pkce;
  }

  get callbackUrl(): string {
    return this.settings.callbackUrl;
  }

  get formPost(): boolean {
    return this.descriptor.formPost === true;
  }

  private get scope(): string[] {
    return this.settings.options.scope ?? this.descriptor.defaultScope;
  }

  async authorizationUrl(state: string, codeChallenge: string | null, nonce: string) {
    const endpoints = await this.endpoints();
    const url = new URL(endpoints.authorizationUrl);
    const params: Record<string, string> = {
      ...this.descriptor.authorizationParams,
      response_type: 'code',
      [this.descriptor.clientIdParameter ?? 'client_id']: this.settings.options.clientId!,
      redirect_uri: this.settings.callbackUrl,
      state,
    };
    if (this.scope.length > 0)
      params.scope = this.scope.join(this.descriptor.scopeSeparator ?? ' ');
    if (codeChallenge) {
      params.code_challenge = codeChallenge;
      params.code_challenge_method = 'S256';
    }
    if (this.descriptor.idToken) params.nonce = nonce;
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    return url.href;
  }

  async fetchProfile(input: OAuthCallbackInput): Promise<FetchedOAuthProfile> {
    const signal = AbortSignal.timeout(this.settings.timeoutMs);
    const http = new ProviderHttp(signal);
    const deadline = new Promise<never>((_, reject) => {
      const fail = () =>
        reject(
          new OAuthProviderError(
            'provider_unavailable',
            `no answer within ${this.settings.timeoutMs} ms`,
          ),
        );
      if (signal.aborted) fail();
      else signal.addEventListener('abort', fail, { once: true });
    });
    deadline.catch(() => undefined);
    return Promise.race([this.roundTrip(http, input), deadline]);
  }

  private async roundTrip(
    http: ProviderHttp,
    input: OAuthCallbackInput,
  ): Promise<FetchedOAuthProfile> {
    const endpoints = await this.endpoints();
    const tokenResponse = await this.exchangeCode(http, endpoints, input);
    const accessToken = tokenResponse.access_token as string;
    const idTokenRule = this.descriptor.idToken;
    const idTokenClaims = idTokenRule
      ? await verifyIdToken(tokenResponse.id_token, {
          jwksUrl: endpoints.jwksUrl ?? '',
          audience: this.settings.options.clientId!,
          nonce: input.nonce,
          issuer: (claims) => idTokenRule.issuer(claims, endpoints),
          timeoutMs: this.settings.timeoutMs,
        })
      : null;
    const documents = await this.descriptor.fetchProfile({
      http,
      endpoints,
      options: this.settings.options,
      accessToken,
      tokenResponse,
      idTokenClaims,
      callbackPayload: input.callbackPayload,
    });
    const mapped = this.descriptor.mapProfile(documents);
    return { raw: passportShape(this.settings.name, mapped, documents), mapped };
  }

  private async exchangeCode(
    http: ProviderHttp,
    endpoints: OAuthProviderEndpoints,
    input: OAuthCallbackInput,
  ): Promise<Record<string, unknown>> {
    const options = this.settings.options;
    const clientSecret = this.descriptor.clientSecret
      ? await this.descriptor.clientSecret(options)
      : options.clientSecret!;
    const body: Record<string, string> = {
      grant_type: 'authorization_code',
      code: input.code,
      redirect_uri: this.settings.callbackUrl,
    };
    if (input.codeVerifier) body.code_verifier = input.codeVerifier;
    const headers: Record<string, string> = {};
    if (this.descriptor.tokenAuthentication === 'client_secret_basic') {
      const credentials = `${encodeURIComponent(options.clientId!)}:${encodeURIComponent(clientSecret)}`;
      headers.Authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
    } else {
      body[this.descriptor.clientIdParameter ?? 'client_id'] = options.clientId!;
      body.client_secret = clientSecret;
    }
    const json = this.descriptor.tokenRequestEncoding === 'json';
    headers['Content-Type'] = json ? 'application/json' : 'application/x-www-form-urlencoded';
    const answer = await http.request(endpoints.tokenUrl, {
      method: 'POST',
      headers,
      body: json ? JSON.stringify(body) : new URLSearchParams(body).toString(),
    });
    const document =
      answer.json && !Array.isArray(answer.json) ? (answer.json as Record<string, unknown>) : null;
    const accessToken = document?.access_token;
    if (answer.status === 200 && typeof accessToken === 'string' && accessToken !== '')
      return document!;
    // A well-formed refusal (invalid_grant …; GitHub answers it with 200) is not an outage.
    if (answer.status < 500 && document && document.error !== undefined)
      throw new OAuthProviderError('oauth_failed', `token refused: ${errorName(document.error)}`);
    throw new OAuthProviderError(
      'provider_unavailable',
      `token endpoint: HTTP ${answer.status}${document ? ', no access token' : ', not JSON'}`,
    );
  }

  /** Resolved once; a failed discovery is tried again at the next flow. */
  private endpoints(): Promise<OAuthProviderEndpoints> {
    if (!this.endpointsPromise) {
      const http = new ProviderHttp(AbortSignal.timeout(this.settings.timeoutMs));
      const options = this.settings.options;
      this.endpointsPromise = Promise.resolve(this.descriptor.endpoints(options, http)).then(
        (defaults) => ({
          ...defaults,
          authorizationUrl: options.authorizationUrl ?? defaults.authorizationUrl,
          tokenUrl: options.tokenUrl ?? defaults.tokenUrl,
          userInfoUrl: options.userInfoUrl ?? defaults.userInfoUrl,
          emailsUrl: options.emailsUrl ?? defaults.emailsUrl,
          jwksUrl: options.jwksUrl ?? defaults.jwksUrl,
        }),
      );
      this.endpointsPromise.catch(() => {
        this.endpointsPromise = null;
      });
    }
    return this.endpointsPromise;
  }
}

function errorName(error: unknown): string {
  if (typeof error === 'string') return error.slice(0, 100);
  const type = (error as { type?: unknown; code?: unknown })?.type;
  return typeof type === 'string' ? type.slice(0, 100) : 'error';
}

/** What a host's OAuthProfileMapper sees: passport's profile shape, the provider's JSON in `_json`. */
function passportShape(
  provider: string,
  mapped: OAuthProfile,
  documents: Record<string, unknown>,
): PassportProfile {
  const json = objectOf(documents.profile);
  return {
    provider,
    id: mapped.providerUserId,
    displayName: mapped.displayName ?? '',
    username: stringOrNull(json.login) ?? stringOrNull(json.username) ?? undefined,
    name: { givenName: mapped.firstName ?? undefined, familyName: mapped.lastName ?? undefined },
    emails: mapped.emails.map((email) => ({
      value: email.email,
      verified: email.verified,
      primary: email.primary,
    })),
    photos: mapped.picture ? [{ value: mapped.picture }] : [],
    _json: documents.profile ?? documents,
  };
}
