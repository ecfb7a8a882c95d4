import { Logger } from '@nestjs/common';
import type { PassportProfile as Profile } from '../extension-points/passport-profile.js';
import type {
  OAuth2StrategyLike,
  OAuthProviderDefinition,
} from '../extension-points/oauth-provider-definition.js';
import { logValue } from '../../core/messages/log-value.js';
import type {
  FetchedOAuthProfile,
  OAuthCallbackInput,
  OAuthProviderClient,
} from './oauth-provider-client.js';
import { OAuthProviderError } from './oauth-provider-error.js';

export interface OAuthClientSettings {
  callbackUrl: string;
  scope: string[];
  pkce: boolean;
  timeoutMs: number;
}

interface HttpLibrary {
  request(options: Record<string, unknown>): unknown;
}

interface NodeOAuth2Internals {
  _executeRequest?: (
    library: HttpLibrary,
    options: Record<string, unknown>,
    body: unknown,
    callback: (...args: unknown[]) => void,
  ) => void;
  get?: (url: string, token: string, callback: (...args: unknown[]) => void) => void;
}

/**
 * Drives one passport strategy (a host's `definition` with `createStrategy`) through the OAuth round trip by hand: the library keeps the state,
 * the PKCE verifier and the redirect in its own hands (database, cookie), and bounds every call to
 * the provider in time. passport's own `authenticate` would need express-session for the state and
 * turns provider failures into exceptions instead of a redirect the user can see.
 */
export class OAuthClient implements OAuthProviderClient {
  private readonly logger = new Logger('UserKit');
  readonly formPost = false;

  constructor(
    private readonly definition: OAuthProviderDefinition,
    private readonly strategy: OAuth2StrategyLike,
    readonly settings: OAuthClientSettings,
  ) {
    this.hardenTransport();
  }

  get pkce(): boolean {
    return this.settings.pkce;
  }

  get callbackUrl(): string {
    return this.settings.callbackUrl;
  }

  authorizationUrl(state: string, codeChallenge: string | null): Promise<string> {
    const separator = this.strategy._scopeSeparator ?? ' ';
    const params: Record<string, string> = {
      ...(this.strategy.authorizationParams?.({}) ?? {}),
      response_type: 'code',
      redirect_uri: this.settings.callbackUrl,
      state,
    };
    if (this.settings.scope.length > 0) params.scope = this.settings.scope.join(separator);
    if (codeChallenge) {
      params.code_challenge = codeChallenge;
      params.code_challenge_method = 'S256';
    }
    return Promise.resolve(this.strategy._oauth2.getAuthorizeUrl(params));
  }

  /** Code → access token → profile, all within the timeout. */
  async fetchProfile({ code, codeVerifier }: OAuthCallbackInput): Promise<FetchedOAuthProfile> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new OAuthProviderError(
              'provider_unavailable',
              `no answer within ${this.settings.timeoutMs} ms`,
            ),
          ),
        this.settings.timeoutMs,
      );
    });
    try {
      const raw = await Promise.race([
        this.exchangeCode(code, codeVerifier).then((token) => this.loadProfile(token)),
        deadline,
      ]);
      return { raw, mapped: this.definition.mapProfile(raw) };
    } finally {
      clearTimeout(timer);
    }
  }

  private exchangeCode(code: string, codeVerifier: string | null): Promise<string> {
    const params: Record<string, string> = {
      grant_type: 'authorization_code',
      redirect_uri: this.settings.callbackUrl,
    };
    if (codeVerifier) params.code_verifier = codeVerifier;
    return new Promise((resolve, reject) => {
      this.strategy._oauth2.getOAuthAccessToken(code, params, (error, accessToken, _r, results) => {
        if (error) return reject(classifyTokenError(error));
        if (typeof accessToken === 'string' && accessToken !== '') return resolve(accessToken);
        // GitHub answers a refused code with 200 and an `error` field.
        if (results && typeof results.error === 'string')
          return reject(new OAuthProviderError('oauth_failed', `token refused: ${results.error}`));
        reject(new OAuthProviderError('provider_unavailable', 'no access token in the answer'));
      });
    });
  }

  private loadProfile(accessToken: string): Promise<Profile> {
    return new Promise((resolve, reject) => {
      try {
        this.strategy.userProfile(accessToken, (error, profile) => {
          if (error || !profile)
            return reject(
              new OAuthProviderError('provider_unavailable', `profile: ${describe(error)}`),
            );
          resolve(profile);
        });
      } catch (error) {
        reject(new OAuthProviderError('provider_unavailable', `profile: ${describe(error)}`));
      }
    });
  }

  /**
   * node-oauth (under passport-oauth2) sets no timeout and some strategies parse answers without a
   * try: each request gets an abort signal, and a GET answer that is not a JSON object or array
   * becomes an error before a strategy can throw on it (which would take the process down).
   */
  private hardenTransport(): void {
    const oauth2 = this.strategy._oauth2 as unknown as NodeOAuth2Internals;
    const timeoutMs = this.settings.timeoutMs;
    const execute = oauth2._executeRequest?.bind(oauth2);
    if (execute) {
      oauth2._executeRequest = (library, options, body, callback) =>
        execute(
          {
            request: (requestOptions) =>
              library.request({ ...requestOptions, signal: AbortSignal.timeout(timeoutMs) }),
          },
          options,
          body,
          callback,
        );
    }
    const get = oauth2.get?.bind(oauth2);
    if (get) {
      oauth2.get = (url, token, callback) =>
        get(url, token, (error, body, response) => {
          const answer =
            error || isJsonDocument(body)
              ? [error, body, response]
              : [{ statusCode: 502, data: 'the provider did not answer JSON' }];
          try {
            callback(...answer);
          } catch (thrown) {
            // The deadline answers the user; the process stays up.
            this.logger.warn(
              `OAuth provider answer could not be read: ${logValue(describe(thrown))}`,
            );
          }
        });
    }
  }
}

function isJsonDocument(body: unknown): boolean {
  if (typeof body !== 'string') return false;
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null;
  } catch {
    return false;
  }
}

function classifyTokenError(error: unknown): OAuthProviderError {
  const statusCode = (error as { statusCode?: unknown })?.statusCode;
  const data = (error as { data?: unknown })?.data;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    // A well-formed OAuth error (invalid_grant, invalid_request) is a refusal, not an outage.
    try {
      const parsed = JSON.parse(String(data)) as { error?: unknown };
      if (typeof parsed?.error === 'string')
        return new OAuthProviderError('oauth_failed', `token refused: ${parsed.error}`);
    } catch {
      // not JSON: falls through
    }
  }
  return new OAuthProviderError('provider_unavailable', `token endpoint: ${describe(error)}`);
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  const statusCode = (error as { statusCode?: unknown })?.statusCode;
  return statusCode ? `HTTP ${String(statusCode)}` : String(error);
}
