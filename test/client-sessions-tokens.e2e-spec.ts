// @userkit/client against issue 21's sessions (SessionWithActivities) and token presets, through
// real HTTP (fetch) on a listening app.
import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import {
  createUserKitClient,
  UserKitError,
  type SessionWithActivities,
  type UserKitClient,
} from '@userkit/client';
import { FIREBASE_AUDIENCE, HASURA_CLAIMS_NAMESPACE } from '@userkit/user/token-templates';
import {
  rejectionOf as failure,
  startListeningTestApp,
  type ListeningTestApp,
} from './support/client-app.js';
import { GOOD_PASSWORD, uniqueEmail } from './support/users.js';

const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const MAC_FIREFOX =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.4; rv:125.0) Gecko/20100101 Firefox/125.0';

const jwksKey = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .privateKey.export({ format: 'pem', type: 'pkcs8' })
  .toString();
const firebaseKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const serviceAccount = {
  clientEmail: 'sdk-test@userkit-demo.iam.gserviceaccount.com',
  privateKey: firebaseKeys.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
};

/** The platform fetch, sending the User-Agent of a given browser (as that browser would). */
function fetchAs(userAgent: string): typeof fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('User-Agent', userAgent);
    return fetch(input, { ...init, headers });
  };
}

function body(jwt: string): Record<string, any> {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
}

describe('@userkit/client: getSessions() with activities, getToken(service, options)', () => {
  let t: ListeningTestApp;
  beforeAll(async () => {
    t = await startListeningTestApp({
      overrides: {
        tokenSigningKey: jwksKey,
        tokenTemplates: {
          hasura: {
            preset: 'hasura',
            callerClaims: { 'x-hasura-team': { type: 'string', enum: ['red', 'blue'] } },
          },
          firebase: {
            preset: 'firebase',
            serviceAccount,
            callerClaims: { device: { type: 'string', maxLength: 20 } },
          },
        },
      },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  async function signedUp(userAgent: string): Promise<{ client: UserKitClient; email: string }> {
    const client = createUserKitClient({ baseUrl: t.baseUrl, fetch: fetchAs(userAgent) });
    const email = uniqueEmail('sdk-sessions');
    await client.signUp({ email, password: GOOD_PASSWORD });
    return { client, email };
  }

  it('getSessions() answers SessionWithActivities: device, status, expireAt, lastActiveAt', async () => {
    const { client: phone, email } = await signedUp(IPHONE_SAFARI);
    const laptop = createUserKitClient({ baseUrl: t.baseUrl, fetch: fetchAs(MAC_FIREFOX) });
    await laptop.signIn({ email, password: GOOD_PASSWORD });

    const sessions: SessionWithActivities[] = await phone.user!.getSessions();
    expect(sessions).toHaveLength(2);
    const current = sessions.find((session) => session.current)!;
    expect(current).toMatchObject({
      status: 'active',
      expireAt: expect.any(String),
      lastActiveAt: expect.any(String),
      latestActivity: {
        browserName: 'Safari',
        browserVersion: '17.4',
        deviceType: 'mobile',
        isMobile: true,
        ipAddress: '127.0.0.1',
      },
    });
    expect(Date.parse(current.expireAt)).toBeGreaterThan(Date.now());
    const other = sessions.find((session) => !session.current)!;
    expect(other.latestActivity).toMatchObject({
      browserName: 'Firefox',
      browserVersion: '125.0',
      deviceType: 'desktop',
      isMobile: false,
    });

    // Signing that device out from the phone: the laptop's next call fails, the list shrinks.
    await phone.user!.revokeSession(other.id);
    expect((await phone.user!.getSessions()).map((session) => session.id)).toEqual([current.id]);
    await expect(laptop.user!.reload()).rejects.toBeInstanceOf(UserKitError);
  });

  it("getToken('hasura', { claims }) adds an allowed session variable; others are refused", async () => {
    const { client } = await signedUp(MAC_FIREFOX);
    const plain = body(await client.user!.getToken('hasura'));
    expect(plain[HASURA_CLAIMS_NAMESPACE]).toEqual({
      'x-hasura-default-role': 'user',
      'x-hasura-allowed-roles': ['user'],
      'x-hasura-user-id': client.user!.id,
    });
    const withTeam = await client.user!.getTokenWithExpiry('hasura', {
      claims: { 'x-hasura-team': 'blue' },
    });
    expect(withTeam.expiresIn).toBe(60);
    expect(body(withTeam.jwt)[HASURA_CLAIMS_NAMESPACE]['x-hasura-team']).toBe('blue');

    const refused = await failure(
      client.user!.getToken('hasura', { claims: { 'x-hasura-user-id': 'someone-else' } }),
    );
    expect([refused.status, refused.code]).toEqual([400, 'TOKEN_CLAIMS_INVALID']);
    const wrongValue = await failure(
      client.user!.getToken('hasura', { claims: { 'x-hasura-team': 'green' } }),
    );
    expect(wrongValue.code).toBe('TOKEN_CLAIMS_INVALID');
    const unknown = await failure(client.user!.getToken('clerk'));
    expect([unknown.status, unknown.code]).toEqual([404, 'TOKEN_TEMPLATE_NOT_FOUND']);
  });

  it("getToken('firebase', { claims }) is a custom token signed with the service account", async () => {
    const { client } = await signedUp(IPHONE_SAFARI);
    const jwt = await client.user!.getToken('firebase', { claims: { device: 'iphone' } });
    const [header, payload, signature] = jwt.split('.');
    const publicKey = createPublicKey(firebaseKeys.privateKey);
    expect(
      verify(
        'RSA-SHA256',
        Buffer.from(`${header}.${payload}`),
        publicKey,
        Buffer.from(signature, 'base64url'),
      ),
    ).toBe(true);
    const claims = body(jwt);
    expect(claims).toMatchObject({
      iss: serviceAccount.clientEmail,
      sub: serviceAccount.clientEmail,
      aud: FIREBASE_AUDIENCE,
      uid: client.user!.id,
      claims: { device: 'iphone' },
    });
    expect(claims.exp - claims.iat).toBe(3600);
  });
});
