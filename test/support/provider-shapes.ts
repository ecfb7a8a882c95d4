import { verify } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * How each built-in provider's real endpoints behave, as far as the library relies on it: how the
 * token request authenticates the client, and the profile endpoints' methods, headers and answer
 * shapes (from each provider's API documentation). The local OAuth server answers by these.
 */
export type ClientAuthentication = 'post' | 'basic' | 'tiktok' | 'notion' | 'apple';

export const CLIENT_AUTHENTICATION: Record<string, ClientAuthentication> = {
  google: 'post',
  github: 'post',
  facebook: 'post',
  hubspot: 'post',
  tiktok: 'tiktok',
  gitlab: 'post',
  discord: 'post',
  twitter: 'basic',
  twitch: 'post',
  linkedin: 'post',
  dropbox: 'post',
  bitbucket: 'basic',
  microsoft: 'post',
  notion: 'notion',
  apple: 'apple',
  oidc: 'basic',
};

export interface TokenRequest {
  shape: string;
  body: Record<string, unknown>;
  authorization: string | undefined;
  contentType: string | undefined;
}

export interface AppleSigningKey {
  teamId: string;
  keyId: string;
  clientId: string;
  publicKeyPem: string;
}

/** Why a token request would be refused by that provider (`invalid_client`), or null. */
export function clientAuthenticationProblem(
  request: TokenRequest,
  clientId: string,
  clientSecret: string,
  apple: AppleSigningKey | null,
): string | null {
  const { body } = request;
  const basic = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
  switch (CLIENT_AUTHENTICATION[request.shape] ?? 'post') {
    case 'basic':
      if (request.authorization !== basic) return 'client must authenticate with HTTP Basic';
      if ('client_secret' in body) return 'client_secret must not be in the body';
      return null;
    case 'notion':
      if (!request.contentType?.startsWith('application/json')) return 'Notion takes a JSON body';
      return request.authorization === basic ? null : 'client must authenticate with HTTP Basic';
    case 'tiktok':
      if ('client_id' in body) return 'TikTok names the client client_key';
      return body.client_key === clientId && body.client_secret === clientSecret
        ? null
        : 'client_key and client_secret expected in the body';
    case 'apple':
      return body.client_id === clientId
        ? appleClientSecretProblem(String(body.client_secret ?? ''), apple)
        : 'client_id expected in the body';
    default:
      return body.client_id === clientId && body.client_secret === clientSecret
        ? null
        : 'client_id and client_secret expected in the body';
  }
}

/** Apple's rule: an ES256 JWT from the team (`iss`), for the Services ID (`sub`), to Apple. */
function appleClientSecretProblem(secret: string, key: AppleSigningKey | null): string | null {
  if (!key) return 'no Apple key configured';
  const [header, payload, signature] = secret.split('.');
  if (!header || !payload || !signature) return 'client_secret is not a JWT';
  const signed = verify(
    'sha256',
    Buffer.from(`${header}.${payload}`),
    { key: key.publicKeyPem, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  if (!signed) return 'client_secret signature does not verify with the team key';
  const head = JSON.parse(Buffer.from(header, 'base64url').toString()) as Record<string, unknown>;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<
    string,
    unknown
  >;
  const now = Date.now() / 1000;
  if (head.alg !== 'ES256' || head.kid !== key.keyId) return 'client_secret header is wrong';
  if (claims.iss !== key.teamId || claims.sub !== key.clientId) return 'client_secret iss/sub';
  if (claims.aud !== 'https://appleid.apple.com') return 'client_secret aud';
  if (typeof claims.exp !== 'number' || claims.exp < now || claims.exp > now + 15_777_000)
    return 'client_secret exp';
  return null;
}

type Send = (status: number, body: unknown) => void;

/**
 * The profile endpoints that are not a plain GET with a Bearer token answering one document:
 * `/api/<provider>/...`. Answers false when the path is none of them.
 */
export function answerProviderApi(
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
  people: Record<string, unknown>,
  clientIds: Record<string, string>,
): boolean {
  const send: Send = (status, body) => {
    res.statusCode = status;
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify(body));
  };
  const bearer = /^Bearer \S+$/.test(req.headers.authorization ?? '');
  const match = /^\/api\/([a-z-]+)(\/.*)?$/.exec(path);
  if (!match) return false;
  const [, shape, rest = ''] = match;
  const person = people[shape];
  if (shape === 'hubspot') {
    // GET /oauth/v1/access-tokens/{token}: the token is in the path, no Authorization header.
    const token = decodeURIComponent(rest.replace(/^\/access-tokens\//, ''));
    if (!rest.startsWith('/access-tokens/') || token === '') send(404, { status: 'error' });
    else send(200, { ...(person as object), token, token_type: 'access', expires_in: 1800 });
    return true;
  }
  if (!bearer) {
    send(401, { error: 'unauthorized' });
    return true;
  }
  switch (shape) {
    case 'dropbox':
      // RPC endpoint: POST only, no body (Dropbox refuses a GET).
      if (req.method !== 'POST') send(400, { error_summary: 'expected POST' });
      else send(200, person);
      return true;
    case 'twitch':
      // Helix needs the app's Client-Id with the user token.
      if (req.headers['client-id'] !== clientIds.twitch)
        send(401, { error: 'Unauthorized', status: 401, message: 'Client-Id header required' });
      else send(200, { data: person ? [person] : [] });
      return true;
    case 'notion':
      if (!req.headers['notion-version'])
        send(400, { object: 'error', status: 400, code: 'missing_version' });
      else send(200, person);
      return true;
    case 'tiktok': {
      const fields = new URL(req.url ?? '/', 'http://x').searchParams.get('fields') ?? '';
      const user = Object.fromEntries(
        Object.entries((person ?? {}) as Record<string, unknown>).filter(([key]) =>
          fields.split(',').includes(key),
        ),
      );
      send(200, { data: { user }, error: { code: 'ok', message: '', log_id: 'log-1' } });
      return true;
    }
    default:
      // bitbucket-user, bitbucket-emails, facebook, gitlab, discord, twitter, linkedin …
      if (person === undefined) send(404, { error: 'not found' });
      else send(200, person);
      return true;
  }
}
