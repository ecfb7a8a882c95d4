// Token template presets (hasura, firebase, generic) and the claims a caller may add per call.
import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { Injectable, Module } from '@nestjs/common';
import { UserModule } from '@userkit/user';
import {
  FIREBASE_AUDIENCE,
  HASURA_CLAIMS_NAMESPACE,
  resolveTokenTemplatesOptions,
  UserTokenTemplatesModule,
  UserTokenTemplatesOptionsError,
  type UserTokenTemplatesOptions,
} from '@userkit/user/token-templates';
import { ADMIN_ENV, signInAdmin } from './support/admin.js';
import { startBareHost } from './support/bare-host.js';
import { verifyWithJwks as verifyJwt } from './support/jwks.js';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from './support/test-app.js';
import { bearer, signUp } from './support/users.js';

const jwksKey = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .privateKey.export({ format: 'pem', type: 'pkcs8' })
  .toString();

/** A service account key as Google's console hands it out (a JSON key file). */
const firebaseKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const serviceAccount = {
  type: 'service_account',
  project_id: 'userkit-demo',
  private_key_id: 'a1b2c3d4e5f6',
  private_key: firebaseKeys.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  client_email: 'firebase-adminsdk-x1y2z@userkit-demo.iam.gserviceaccount.com',
};
/** What Google publishes for that account (robot/v1/metadata/x509/<email>), by key id. */
const servicePublicKeys: Record<string, string> = {
  [serviceAccount.private_key_id]: createPublicKey(firebaseKeys.privateKey)
    .export({ format: 'pem', type: 'spki' })
    .toString(),
};

const templates: UserTokenTemplatesOptions['templates'] = {
  hasura: {
    preset: 'hasura',
    claims: { 'x-hasura-plan': 'publicMetadata.plan', 'x-hasura-seats': 'publicMetadata.seats' },
    callerClaims: {
      'x-hasura-org-id': {
        type: 'string',
        maxLength: 40,
        // Only an organization the user belongs to (publicMetadata.orgs, written by an admin).
        check: (value, user) =>
          Array.isArray(user.publicMetadata.orgs) && user.publicMetadata.orgs.includes(value),
      },
    },
  },
  firebase: {
    preset: 'firebase',
    serviceAccount,
    claims: { premium: 'publicMetadata.premium' },
    callerClaims: { device: { type: 'string', enum: ['web', 'ios', 'android'] } },
    lifetimeSeconds: 1800,
  },
  billing: {
    claims: { email: 'email' },
    audience: 'https://billing.example.com',
    callerClaims: {
      scope: { type: 'string', pattern: /^[a-z:]+$/, maxLength: 32 },
      seats: { type: 'integer', minimum: 1, maximum: 100 },
      trial: { type: 'boolean' },
      features: { type: 'string[]', maxItems: 3, enum: ['a', 'b', 'c'] },
    },
  },
};

function decodePart(token: string, index: 0 | 1): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[index], 'base64url').toString('utf8'));
}

function verifyWithJwks(t: TestApp, token: string) {
  return verifyJwt(t.http, token);
}

/**
 * What Firebase Auth checks of a custom token before it signs the user in: RS256, the signature
 * with the service account's public key (found by `kid`), iss = sub = the account's email, its
 * audience, a uid of 1 to 128 characters, iat not in the future and exp at most an hour after it,
 * developer claims free of reserved names, and no other body claims than its spec's.
 */
function verifyAsFirebase(token: string): Record<string, any> {
  const [headerPart, bodyPart, signaturePart] = token.split('.');
  const header = decodePart(token, 0);
  expect(header).toEqual({ alg: 'RS256', typ: 'JWT', kid: serviceAccount.private_key_id });
  const signed = verify(
    'RSA-SHA256',
    Buffer.from(`${headerPart}.${bodyPart}`),
    servicePublicKeys[header.kid as string],
    Buffer.from(signaturePart, 'base64url'),
  );
  expect(signed).toBe(true);
  const body = decodePart(token, 1) as Record<string, any>;
  const now = Math.floor(Date.now() / 1000);
  expect(body.iss).toBe(serviceAccount.client_email);
  expect(body.sub).toBe(serviceAccount.client_email);
  expect(body.aud).toBe(FIREBASE_AUDIENCE);
  expect(typeof body.uid).toBe('string');
  expect(body.uid.length).toBeGreaterThanOrEqual(1);
  expect(body.uid.length).toBeLessThanOrEqual(128);
  expect(body.iat).toBeLessThanOrEqual(now + 1);
  expect(body.exp - body.iat).toBeLessThanOrEqual(3600);
  expect(body.exp).toBeGreaterThan(now);
  for (const name of Object.keys(body))
    expect(['iss', 'sub', 'aud', 'iat', 'exp', 'uid', 'claims', 'tenant_id']).toContain(name);
  const reserved = ['acr', 'amr', 'at_hash', 'aud', 'auth_time', 'azp', 'cnf', 'c_hash'];
  reserved.push('exp', 'iat', 'iss', 'jti', 'nbf', 'nonce');
  for (const name of Object.keys(body.claims ?? {})) expect(reserved).not.toContain(name);
  return body;
}

describe('token template presets and per-call claims', () => {
  let t: TestApp;
  let admin: { accessToken: string };
  beforeAll(async () => {
    t = await startTestApp({
      env: ADMIN_ENV,
      overrides: { tokenTemplates: templates, tokenSigningKey: jwksKey },
    });
    admin = await signInAdmin(t.http);
  });
  afterAll(async () => {
    await t.close();
  });

  async function setPublicMetadata(userId: string, publicMetadata: object) {
    await t.http
      .patch(`/admin/users/${userId}`)
      .set(bearer(admin.accessToken))
      .send({ publicMetadata })
      .expect(200);
  }

  function token(accessToken: string, template: string, claims?: unknown) {
    const request = t.http.get(`/me/tokens/${template}`).set(bearer(accessToken));
    return claims === undefined
      ? request
      : request.query({ claims: typeof claims === 'string' ? claims : JSON.stringify(claims) });
  }

  describe('hasura', () => {
    it("puts the user's roles and id under Hasura's namespace, verifiable with the JWKS", async () => {
      const member = await signUp(t.http);
      await setPublicMetadata(member.user.id, { plan: 'pro', seats: 5, orgs: ['org_1'] });
      const response = await token(member.accessToken, 'hasura').expect(200);
      const claims = await verifyWithJwks(t, response.body.jwt);
      expect(claims.sub).toBe(member.user.id);
      expect(claims[HASURA_CLAIMS_NAMESPACE]).toEqual({
        'x-hasura-default-role': 'user',
        'x-hasura-allowed-roles': ['user'],
        'x-hasura-user-id': member.user.id,
        'x-hasura-plan': 'pro',
        // Hasura compares session variables as text.
        'x-hasura-seats': '5',
      });
      expect(response.body.expiresIn).toBe(60);
    });

    it("takes a caller's session variable only when its rule says this user may have it", async () => {
      const member = await signUp(t.http);
      await setPublicMetadata(member.user.id, { orgs: ['org_1', 'org_2'] });
      const response = await token(member.accessToken, 'hasura', {
        'x-hasura-org-id': 'org_2',
      }).expect(200);
      const claims = await verifyWithJwks(t, response.body.jwt);
      expect(claims[HASURA_CLAIMS_NAMESPACE]['x-hasura-org-id']).toBe('org_2');
      // Another organization, or the user id, role or allowed roles of the preset: refused.
      const foreign = await token(member.accessToken, 'hasura', {
        'x-hasura-org-id': 'org_9',
      }).expect(400);
      expect(foreign.body.code).toBe('TOKEN_CLAIMS_INVALID');
      for (const forged of [
        { 'x-hasura-user-id': 'someone-else' },
        { 'x-hasura-default-role': 'admin' },
        { 'x-hasura-allowed-roles': ['admin'] },
        { 'x-hasura-plan': 'enterprise' },
        { sub: 'someone-else' },
      ]) {
        const refused = await token(member.accessToken, 'hasura', forged).expect(400);
        expect(refused.body.code).toBe('TOKEN_CLAIMS_INVALID');
      }
    });

    it('makes an admin default to a role it holds; a user without roles gets a 403', async () => {
      const member = await signUp(t.http);
      await t.http
        .put(`/admin/users/${member.user.id}/roles`)
        .set(bearer(admin.accessToken))
        .send({ roles: ['admin'] })
        .expect(200);
      const asAdmin = await token(member.accessToken, 'hasura').expect(200);
      const namespace = (await verifyWithJwks(t, asAdmin.body.jwt))[HASURA_CLAIMS_NAMESPACE];
      expect(namespace['x-hasura-default-role']).toBe('admin');
      expect(namespace['x-hasura-allowed-roles']).toEqual(['admin']);
      await t.http
        .put(`/admin/users/${member.user.id}/roles`)
        .set(bearer(admin.accessToken))
        .send({ roles: [] })
        .expect(200);
      const none = await token(member.accessToken, 'hasura').expect(403);
      expect(none.body.code).toBe('TOKEN_TEMPLATE_NOT_APPLICABLE');
    });
  });

  describe('firebase', () => {
    it('makes a custom token Firebase accepts: RS256 with the service account, uid, claims', async () => {
      const member = await signUp(t.http);
      await setPublicMetadata(member.user.id, { premium: true });
      const response = await token(member.accessToken, 'firebase', { device: 'ios' }).expect(200);
      expect(response.body.expiresIn).toBe(1800);
      expect(response.headers['cache-control']).toBe('no-store');
      const body = verifyAsFirebase(response.body.jwt);
      expect(body.uid).toBe(member.user.id);
      expect(body.claims).toEqual({ premium: true, device: 'ios' });
      expect(body.exp - body.iat).toBe(1800);
      // Not our key: the JWKS does not verify it, and the API does not take it as a session.
      await expect(verifyWithJwks(t, response.body.jwt)).rejects.toThrow();
      await t.http.get('/me').set(bearer(response.body.jwt)).expect(401);
    });

    it('leaves `claims` out when there are none, and refuses a device outside the list', async () => {
      const member = await signUp(t.http);
      const response = await token(member.accessToken, 'firebase').expect(200);
      const body = verifyAsFirebase(response.body.jwt);
      expect(body).not.toHaveProperty('claims');
      const refused = await token(member.accessToken, 'firebase', { device: 'tv' }).expect(400);
      expect(refused.body.code).toBe('TOKEN_CLAIMS_INVALID');
      await token(member.accessToken, 'firebase', { uid: 'admin' }).expect(400);
    });
  });

  describe('generic: the claims a caller may add', () => {
    it('adds the allowed claims, typed and within their rules', async () => {
      const member = await signUp(t.http);
      const response = await token(member.accessToken, 'billing', {
        scope: 'invoices:read',
        seats: 3,
        trial: false,
        features: ['a', 'c'],
      }).expect(200);
      const claims = await verifyWithJwks(t, response.body.jwt);
      expect(claims).toMatchObject({
        sub: member.user.id,
        aud: 'https://billing.example.com',
        email: member.email,
        scope: 'invoices:read',
        seats: 3,
        trial: false,
        features: ['a', 'c'],
      });
    });

    it('refuses every claim or value outside the rules, with 400 TOKEN_CLAIMS_INVALID', async () => {
      const member = await signUp(t.http);
      for (const claims of [
        { sub: 'someone-else' },
        { iss: 'evil' },
        { aud: 'https://other.example.com' },
        { exp: 9999999999 },
        { email: 'forged@example.com' },
        { unknown: 1 },
        { scope: 'UPPER' },
        { scope: 'a'.repeat(33) },
        { scope: 7 },
        { scope: 'a\u0000b' },
        { scope: '\ud800' },
        { seats: 0 },
        { seats: 1.5 },
        { seats: '3' },
        { trial: 'yes' },
        { features: ['d'] },
        { features: ['a', 'b', 'c', 'a'] },
        { features: 'a' },
        { features: [{ a: 1 }] },
        { seats: null },
        JSON.parse('{"__proto__": {"polluted": true}}'),
        '[1,2]',
        '"text"',
        'null',
        '{not json',
        '\u0000',
        '{"scope":"a\u0000"}',
        `{"scope":"${'x'.repeat(5000)}"}`,
      ]) {
        const response = await token(member.accessToken, 'billing', claims);
        expect([response.status, claims]).toEqual([400, claims]);
        expect(['TOKEN_CLAIMS_INVALID', 'VALIDATION_FAILED']).toContain(response.body.code);
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      // A repeated parameter, an unknown one.
      await t.http
        .get('/me/tokens/billing?claims=%7B%7D&claims=%7B%7D')
        .set(bearer(member.accessToken))
        .expect(400);
      await t.http.get('/me/tokens/billing?sub=x').set(bearer(member.accessToken)).expect(400);
      // Without caller claims the template is as before; `{}` is the same.
      await token(member.accessToken, 'billing', {}).expect(200);
    });
  });
});

describe('preset options, checked at start', () => {
  it('a firebase-only module needs no signing key; its lifetime is at most an hour', () => {
    const only = resolveTokenTemplatesOptions({
      templates: { firebase: { preset: 'firebase', serviceAccount } },
    });
    expect(only.signingKey).toBeNull();
    expect(only.templates.firebase.lifetimeSeconds).toBe(3600);
    expect(() =>
      resolveTokenTemplatesOptions({
        templates: { firebase: { preset: 'firebase', serviceAccount, lifetimeSeconds: 3601 } },
      }),
    ).toThrow(/lifetimeSeconds must be an integer from 1 to 3600/);
  });

  it('refuses a service account without an RSA key or email, and reserved developer claims', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString();
    expect(() =>
      resolveTokenTemplatesOptions({
        templates: {
          f: { preset: 'firebase', serviceAccount: { ...serviceAccount, private_key: ec } },
        },
      }),
    ).toThrow(/must be an RSA key/);
    expect(() =>
      resolveTokenTemplatesOptions({
        templates: {
          f: { preset: 'firebase', serviceAccount: { ...serviceAccount, client_email: 'nobody' } },
        },
      }),
    ).toThrow(/clientEmail/);
    expect(() =>
      resolveTokenTemplatesOptions({
        templates: { f: { preset: 'firebase', serviceAccount, claims: { nonce: 'id' } } },
      }),
    ).toThrow(/"nonce" is reserved by Firebase/);
    expect(() =>
      resolveTokenTemplatesOptions({
        templates: {
          f: { preset: 'firebase', serviceAccount, callerClaims: { iss: { type: 'string' } } },
        },
      }),
    ).toThrow(/callerClaims\.iss: is reserved by Firebase/);
  });

  it('never lets a rule name a registered, preset or template claim', () => {
    const cases: Array<[UserTokenTemplatesOptions['templates'], RegExp]> = [
      [
        { g: { claims: {}, callerClaims: { sub: { type: 'string' } } } },
        /callerClaims\.sub: is set by the library/,
      ],
      [
        { g: { claims: { email: 'email' }, callerClaims: { email: { type: 'string' } } } },
        /callerClaims\.email: is set by the template/,
      ],
      [
        { h: { preset: 'hasura', callerClaims: { 'x-hasura-user-id': { type: 'string' } } } },
        /is set by the hasura preset/,
      ],
      [
        { h: { preset: 'hasura', callerClaims: { org: { type: 'string' } } } },
        /session variable like x-hasura-org-id/,
      ],
      [{ g: { claims: {}, callerClaims: { __proto__x: { type: 'string' } } } }, /must match/],
      [{ g: { claims: {}, callerClaims: { a: { type: 'object' as 'string' } } } }, /type must be/],
      [
        { g: { claims: {}, callerClaims: { a: { type: 'string', pattern: /x/g } } } },
        /without the g flag/,
      ],
      [
        { g: { preset: 'other' as 'generic', claims: {} } },
        /preset must be generic, hasura or firebase/,
      ],
    ];
    for (const [given, message] of cases)
      expect(() => resolveTokenTemplatesOptions({ signingKey: jwksKey, templates: given })).toThrow(
        message,
      );
  });
});

/** A host's configuration provider: where a real app reads its service account from. */
@Injectable()
class FirebaseConfig {
  constructor(readonly account: typeof serviceAccount | null) {}
}

function configModule(account: typeof serviceAccount | null) {
  @Module({
    providers: [{ provide: FirebaseConfig, useValue: new FirebaseConfig(account) }],
    exports: [FirebaseConfig],
  })
  class ConfigModule {}
  return ConfigModule;
}

describe('UserTokenTemplatesModule.forRootAsync', () => {
  const tokenModule = (account: typeof serviceAccount | null) =>
    UserTokenTemplatesModule.forRootAsync({
      imports: [configModule(account)],
      inject: [FirebaseConfig],
      useFactory: (config: FirebaseConfig) => ({
        templates: {
          firebase: { preset: 'firebase', serviceAccount: config.account as typeof serviceAccount },
        },
      }),
    });

  it("takes the service account from the host's own providers", async () => {
    const host = await startBareHost({
      userModule: UserModule.forRoot({ tokenSecret: TEST_JWT_SECRET, rateLimits: false }),
      imports: [tokenModule(serviceAccount)],
    });
    try {
      const member = await signUp(host.http);
      const response = await host.http
        .get('/me/tokens/firebase')
        .set(bearer(member.accessToken))
        .expect(200);
      expect(verifyAsFirebase(response.body.jwt).uid).toBe(member.user.id);
      // Only firebase templates: nothing of ours to publish.
      expect((await host.http.get('/.well-known/jwks.json').expect(200)).body).toEqual({
        keys: [],
      });
    } finally {
      await host.close();
    }
  });

  it('refuses bad options from the factory at start', async () => {
    await expect(
      startBareHost({
        userModule: UserModule.forRoot({ tokenSecret: TEST_JWT_SECRET, rateLimits: false }),
        imports: [tokenModule(null)],
      }),
    ).rejects.toThrow(UserTokenTemplatesOptionsError);
  });
});
