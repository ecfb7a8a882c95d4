import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OAuth2Issuer, OAuth2Service } from 'oauth2-mock-server';
import {
  answerProviderApi,
  clientAuthenticationProblem,
  type AppleSigningKey,
  type TokenRequest,
} from './provider-shapes.js';

/** The built-in providers this server can play (besides google and github, always on). */
export const MORE_PROVIDERS = [
  'facebook',
  'hubspot',
  'tiktok',
  'gitlab',
  'discord',
  'twitter',
  'twitch',
  'linkedin',
  'dropbox',
  'bitbucket',
  'microsoft',
  'notion',
  'apple',
  'oidc',
] as const;

/** How the next answer of one endpoint goes wrong. */
export type ProviderFault = 'status500' | 'html' | 'hang';

export interface GitHubPerson {
  user: Record<string, unknown>;
  emails: Array<{ email: string; primary: boolean; verified: boolean; visibility?: string | null }>;
}

/**
 * oauth2-mock-server on 127.0.0.1, shaped like Google and GitHub. Its /authorize answers at once
 * (the "user" consents), /token checks PKCE, and /userinfo answers with the person the test set:
 * `?shape=google` (OpenID userinfo), `?shape=github-user` (GitHub's /user) or `?shape=github-emails`
 * (GitHub's /user/emails). Faults make an endpoint answer 500, HTML, or nothing.
 *
 * With `allProvidersEnv()` it plays every other built-in provider too (`?shape=<name>` on
 * /authorize and /token, `/api/<name>/…` for their profile endpoints, see provider-shapes.ts): the
 * token request must authenticate the client the way that provider wants, `people[<shape>]` is
 * what its profile endpoint answers, `idTokenClaims[<shape>]` go into its ID token, and
 * `tokenExtras[<shape>]` into its token answer. `/oidc/.well-known/openid-configuration` is a
 * generic OpenID Connect provider's discovery document (issuer `<url>/oidc`).
 */
export class LocalOAuthServer {
  googlePerson: Record<string, unknown> = { sub: 'google-0' };
  githubPerson: GitHubPerson = { user: { id: 0, login: 'nobody' }, emails: [] };
  people: Record<string, unknown> = {};
  idTokenClaims: Record<string, Record<string, unknown>> = {};
  tokenExtras: Record<string, Record<string, unknown>> = {};
  readonly tokenRequests: TokenRequest[] = [];
  readonly appleKey: AppleSigningKey & { privateKeyPem: string };
  private faults = new Map<string, ProviderFault>();
  private readonly hanging = new Set<ServerResponse>();

  private constructor(
    readonly service: OAuth2Service,
    private readonly server: Server,
    readonly url: string,
  ) {
    service.on('beforeUserinfo', (response: { body: unknown }, req: IncomingMessage) => {
      const shape = new URL(req.url ?? '/', 'http://localhost').searchParams.get('shape');
      if (shape === 'google') response.body = this.googlePerson;
      else if (shape === 'github-user') response.body = this.githubPerson.user;
      else if (shape === 'github-emails') response.body = this.githubPerson.emails;
      else if (shape && shape in this.people) response.body = this.people[shape];
    });
    const { privateKey, publicKey } = generateKeyPairSync('ec', {
      namedCurve: 'P-256',
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    this.appleKey = {
      teamId: 'TEAM123456',
      keyId: 'KEY1234567',
      clientId: 'apple-client',
      publicKeyPem: publicKey,
      privateKeyPem: privateKey,
    };
    service.on('beforeTokenSigning', (token: TokenLike, req: ShapedRequest) => {
      const shape = shapeOf(req);
      // The ID token (the one with an audience) carries the provider's claims.
      if (shape && 'aud' in token.payload) Object.assign(token.payload, this.idTokenClaims[shape]);
    });
    service.on('beforeResponse', (response: MutableResponse, req: ShapedRequest) => {
      const shape = shapeOf(req);
      if (!shape) return;
      const request: TokenRequest = {
        shape,
        body: req.body ?? {},
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
      };
      this.tokenRequests.push(request);
      const problem = clientAuthenticationProblem(
        request,
        `${shape}-client`,
        `${shape}-secret`,
        this.appleKey,
      );
      if (problem) {
        response.statusCode = 401;
        response.body = { error: 'invalid_client', error_description: problem };
        return;
      }
      Object.assign(response.body as object, this.tokenExtras[shape]);
    });
  }

  static async start(): Promise<LocalOAuthServer> {
    const issuer = new OAuth2Issuer();
    await issuer.keys.generate('RS256');
    const service = new OAuth2Service(issuer);
    const holder: { instance?: LocalOAuthServer } = {};
    const server = createServer((req, res) => holder.instance!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    issuer.url = url;
    holder.instance = new LocalOAuthServer(service, server, url);
    return holder.instance;
  }

  /** The sample app's provider variables (API.md) pointing at this server. */
  env(): Record<string, string> {
    return {
      GOOGLE_CLIENT_ID: 'google-client',
      GOOGLE_CLIENT_SECRET: 'google-secret',
      GOOGLE_AUTHORIZATION_URL: `${this.url}/authorize`,
      GOOGLE_TOKEN_URL: `${this.url}/token`,
      GOOGLE_USERINFO_URL: `${this.url}/userinfo?shape=google`,
      GITHUB_CLIENT_ID: 'github-client',
      GITHUB_CLIENT_SECRET: 'github-secret',
      GITHUB_AUTHORIZATION_URL: `${this.url}/authorize`,
      GITHUB_TOKEN_URL: `${this.url}/token`,
      GITHUB_USER_URL: `${this.url}/userinfo?shape=github-user`,
      GITHUB_EMAILS_URL: `${this.url}/userinfo?shape=github-emails`,
    };
  }

  /**
   * Every built-in provider besides Google and GitHub pointed at this server (each variable as the
   * sample app reads it), with the client `<name>-client` / `<name>-secret`.
   */
  allProvidersEnv(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const name of MORE_PROVIDERS) {
      const prefix = name.toUpperCase();
      env[`${prefix}_CLIENT_ID`] = `${name}-client`;
      if (name === 'oidc') {
        env.OIDC_CLIENT_SECRET = 'oidc-secret';
        env.OIDC_ISSUER = `${this.url}/oidc`;
        continue;
      }
      if (name === 'apple') {
        env.APPLE_TEAM_ID = this.appleKey.teamId;
        env.APPLE_KEY_ID = this.appleKey.keyId;
        env.APPLE_PRIVATE_KEY = this.appleKey.privateKeyPem;
      } else env[`${prefix}_CLIENT_SECRET`] = `${name}-secret`;
      env[`${prefix}_AUTHORIZATION_URL`] = `${this.url}/authorize?shape=${name}`;
      env[`${prefix}_TOKEN_URL`] = `${this.url}/token?shape=${name}`;
      if (name !== 'apple' && name !== 'microsoft')
        env[`${prefix}_USERINFO_URL`] = `${this.url}/api/${name}${PROFILE_PATHS[name] ?? ''}`;
      else env[`${prefix}_JWKS_URL`] = `${this.url}/jwks`;
    }
    env.BITBUCKET_USERINFO_URL = `${this.url}/api/bitbucket-user`;
    env.BITBUCKET_EMAILS_URL = `${this.url}/api/bitbucket-emails`;
    return env;
  }

  /** The next request to this path (e.g. `/token`) fails this way. */
  failNext(path: string, fault: ProviderFault): void {
    this.faults.set(path, fault);
  }

  async stop(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', this.url).pathname;
    if (!this.faults.has(path) && this.answerOwn(path, req, res)) return;
    const fault = this.faults.get(path);
    if (fault) {
      this.faults.delete(path);
      if (fault === 'hang') {
        this.hanging.add(res);
        return;
      }
      res.statusCode = fault === 'status500' ? 500 : 200;
      res.setHeader('Content-Type', fault === 'html' ? 'text/html' : 'application/json');
      res.end(fault === 'html' ? '<html><body>Sign-in is down</body></html>' : '{"error":"boom"}');
      return;
    }
    (this.service.requestHandler as (req: IncomingMessage, res: ServerResponse) => void)(req, res);
  }

  /** The generic OpenID Connect provider's discovery document, and the providers' APIs. */
  private answerOwn(path: string, req: IncomingMessage, res: ServerResponse): boolean {
    if (path === '/oidc/.well-known/openid-configuration') {
      res.setHeader('Content-Type', 'application/json');
      res.end(
        JSON.stringify({
          issuer: `${this.url}/oidc`,
          authorization_endpoint: `${this.url}/authorize?shape=oidc`,
          token_endpoint: `${this.url}/token?shape=oidc`,
          userinfo_endpoint: `${this.url}/api/oidc`,
          jwks_uri: `${this.url}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          code_challenge_methods_supported: ['S256'],
        }),
      );
      return true;
    }
    return answerProviderApi(path, req, res, this.people, { twitch: 'twitch-client' });
  }
}

/** Paths under `/api/<name>` that mirror the provider's own (with its query, if it needs one). */
const PROFILE_PATHS: Record<string, string> = {
  facebook: '/me?fields=id,name,first_name,last_name,email,picture.type(large)',
  hubspot: '/access-tokens',
  tiktok: '/user/info/?fields=open_id,union_id,avatar_url,display_name',
  twitter: '/users/me?user.fields=profile_image_url',
  dropbox: '/users/get_current_account',
  notion: '/users/me',
};

interface TokenLike {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

interface MutableResponse {
  body: unknown;
  statusCode: number;
}

type ShapedRequest = IncomingMessage & { body?: Record<string, unknown> };

function shapeOf(req: IncomingMessage): string | null {
  return new URL(req.url ?? '/', 'http://localhost').searchParams.get('shape');
}
