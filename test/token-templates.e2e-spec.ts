import { generateKeyPairSync } from 'node:crypto';
import {
  resolveTokenTemplatesOptions,
  UserTokenTemplatesModule,
  UserTokenTemplatesOptionsError,
  type UserTokenTemplatesOptions,
} from '@userkit/user/token-templates';
import { signInAdmin, ADMIN_ENV } from './support/admin.js';
import { verifyWithJwks as verifyJwt } from './support/jwks.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { bearer, signUp } from './support/users.js';

const ecKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const privatePem = ecKey.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

const templates: UserTokenTemplatesOptions['templates'] = {
  billing: {
    claims: {
      email: 'email',
      roles: 'roles',
      plan: 'customAttributes.plan',
      org: 'publicMetadata.org.id',
      missing: 'publicMetadata.nothing.here',
    },
    lifetimeSeconds: 120,
    audience: 'https://billing.example.com',
  },
  computed: {
    claims: (user) => ({
      initials: (user.displayName ?? '?').slice(0, 1),
      sub: 'forged',
      anonymous: user.isAnonymous,
    }),
  },
};

/** As another service would: the JWKS key of its kid, our issuer, the audience when given. */
function verifyWithJwks(t: TestApp, token: string, audience?: string) {
  return verifyJwt(t.http, token, { issuer: 'userkit', audience });
}

describe('integration tokens from templates, verified with the JWKS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: ADMIN_ENV,
      overrides: { tokenTemplates: templates, tokenSigningKey: privatePem },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('publishes only the public key, with kid, alg and use', async () => {
    const response = await t.http.get('/.well-known/jwks.json').expect(200);
    expect(response.body.keys).toHaveLength(1);
    const [key] = response.body.keys;
    expect(key).toMatchObject({
      kty: 'EC',
      crv: 'P-256',
      alg: 'ES256',
      use: 'sig',
      kid: expect.any(String),
    });
    expect(key).not.toHaveProperty('d');
  });

  it('issues a template token whose claims map the user and that verifies with the JWKS', async () => {
    const admin = await signInAdmin(t.http);
    const member = await signUp(t.http);
    await t.http
      .post('/admin/attributes')
      .set(bearer(admin.accessToken))
      .send({ name: 'plan', type: 'string' })
      .expect(201);
    await t.http
      .patch(`/admin/users/${member.user.id}`)
      .set(bearer(admin.accessToken))
      .send({ customAttributes: { plan: 'pro' }, publicMetadata: { org: { id: 'org_1' } } })
      .expect(200);
    const response = await t.http
      .get('/me/tokens/billing')
      .set(bearer(member.accessToken))
      .expect(200);
    expect(response.body.expiresIn).toBe(120);
    const claims = await verifyWithJwks(t, response.body.jwt, 'https://billing.example.com');
    expect(claims).toMatchObject({
      sub: member.user.id,
      iss: 'userkit',
      aud: 'https://billing.example.com',
      email: member.email,
      roles: ['user'],
      plan: 'pro',
      org: 'org_1',
    });
    expect(claims).not.toHaveProperty('missing');
    expect((claims.exp as number) - (claims.iat as number)).toBe(120);
    // Not verifiable as an access token of the API, nor with another audience.
    await expect(
      verifyWithJwks(t, response.body.jwt, 'https://other.example.com'),
    ).rejects.toThrow();
    await t.http.get('/me').set(bearer(response.body.jwt)).expect(401);
  });

  it('a function template cannot replace sub', async () => {
    const member = await signUp(t.http, { displayName: 'Zoe' });
    const response = await t.http
      .get('/me/tokens/computed')
      .set(bearer(member.accessToken))
      .expect(200);
    const claims = await verifyWithJwks(t, response.body.jwt);
    expect(claims).toMatchObject({ sub: member.user.id, initials: 'Z', anonymous: false });
    expect(response.body.expiresIn).toBe(60);
  });

  it('an unknown template is a 404; signed out is a 401', async () => {
    const member = await signUp(t.http);
    await t.http.get('/me/tokens/nope').set(bearer(member.accessToken)).expect(404);
    await t.http.get('/me/tokens/__proto__').set(bearer(member.accessToken)).expect(404);
    await t.http.get('/me/tokens/billing').expect(401);
  });
});

describe('token signing options', () => {
  it('templates need a key: every instance must sign with the same one', () => {
    expect(() => resolveTokenTemplatesOptions({ templates })).toThrow(/signingKey is required/);
    // forRoot checks at once: the host's module fails to load, before anything starts.
    expect(() => UserTokenTemplatesModule.forRoot({ templates })).toThrow(
      UserTokenTemplatesOptionsError,
    );
  });

  it('refuses a weak or symmetric key and reserved claims', () => {
    const weakRsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString();
    expect(() => resolveTokenTemplatesOptions({ signingKey: weakRsa })).toThrow(/at least 2048/);
    expect(() => resolveTokenTemplatesOptions({ signingKey: 'not a key' })).toThrow(/private key/);
    expect(() =>
      resolveTokenTemplatesOptions({
        signingKey: privatePem,
        templates: { x: { claims: { sub: 'id' } } },
      }),
    ).toThrow(/"sub" is set by the library/);
  });

  it('takes an RSA key as a JWK (RS256) with a stable thumbprint kid', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
      format: 'jwk',
    });
    const first = resolveTokenTemplatesOptions({ signingKey: rsa }).signingKey!;
    const second = resolveTokenTemplatesOptions({ signingKey: rsa }).signingKey!;
    expect(first.algorithm).toBe('RS256');
    expect(first.keyId).toBe(second.keyId);
    expect(first.publicJwk).not.toHaveProperty('d');
  });
});
