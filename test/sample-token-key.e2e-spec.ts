// The sample's integration token key: TOKEN_SIGNING_KEY (PEM or JWK), or in development a key it
// generates once under ./data/, with the `demo` template, so getToken('demo') works out of the box.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { createUserKitClient } from '@userkit/client';
import { readSampleConfig } from '../apps/sample/src/sample-config.js';
import { startListeningTestApp } from './support/client-app.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { GOOD_PASSWORD, bearer, signUp, uniqueEmail } from './support/users.js';
import { verifyWithJwks } from './support/jwks.js';

describe('the sample app signing key (TOKEN_SIGNING_KEY)', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'userkit-key-'));
  });
  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
    jest.restoreAllMocks();
  });

  it('unset in development: generates a key once, warns, and getToken("demo") works', async () => {
    const warned = jest.spyOn(Logger.prototype, 'warn');
    const keyFile = join(directory, 'data', 'token-signing-key.pem');
    const env = { TOKEN_SIGNING_KEY: '', TOKEN_SIGNING_KEY_FILE: keyFile };
    const first = await startListeningTestApp({ env });
    let kid: string;
    try {
      expect(existsSync(keyFile)).toBe(true);
      expect(statSync(keyFile).mode & 0o077).toBe(0);
      expect(warned.mock.calls.map(([message]) => String(message))).toContainEqual(
        expect.stringMatching(/TOKEN_SIGNING_KEY is not set: .*generated now in .*production/),
      );
      const jwks = await first.http.get('/.well-known/jwks.json').expect(200);
      expect(jwks.body.keys).toHaveLength(1);
      kid = jwks.body.keys[0].kid;

      const client = createUserKitClient({ baseUrl: first.baseUrl });
      const email = uniqueEmail('demo');
      await client.signUp({ email, password: GOOD_PASSWORD, displayName: 'Demo User' });
      const jwt = await client.user!.getToken('demo');
      const claims = await verifyWithJwks(first.http, jwt);
      expect(claims).toMatchObject({
        sub: client.user!.id,
        email,
        email_verified: false,
        name: 'Demo User',
        roles: ['user'],
      });
    } finally {
      await first.close({ keepDatabase: false });
    }
    // A restart finds the same key: tokens issued before still verify with the JWKS.
    const second = await startTestApp({ env });
    try {
      const jwks = await second.http.get('/.well-known/jwks.json').expect(200);
      expect(jwks.body.keys.map((key: { kid: string }) => key.kid)).toEqual([kid]);
      expect(warned.mock.calls.map(([message]) => String(message))).toContainEqual(
        expect.stringMatching(/development key kept in/),
      );
    } finally {
      await second.close();
    }
  });

  it('takes a PEM (newlines escaped or not) or a private JWK from the environment', async () => {
    const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = keys.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const jwk = keys.privateKey.export({ format: 'jwk' });
    const keyFile = join(directory, 'unused.pem');
    const kids: string[] = [];
    for (const value of [pem, pem.replace(/\n/g, '\\n'), JSON.stringify(jwk)]) {
      const t: TestApp = await startTestApp({
        env: { TOKEN_SIGNING_KEY: value, TOKEN_SIGNING_KEY_FILE: keyFile },
      });
      try {
        const jwks = await t.http.get('/.well-known/jwks.json').expect(200);
        expect(jwks.body.keys).toHaveLength(1);
        expect(jwks.body.keys[0]).toMatchObject({ kty: 'EC', x: jwk.x, y: jwk.y });
        expect(jwks.body.keys[0]).not.toHaveProperty('d');
        kids.push(jwks.body.keys[0].kid);
        const member = await signUp(t.http);
        const response = await t.http
          .get('/me/tokens/demo')
          .set(bearer(member.accessToken))
          .expect(200);
        expect((await verifyWithJwks(t.http, response.body.jwt)).sub).toBe(member.user.id);
      } finally {
        await t.close();
      }
    }
    expect(new Set(kids).size).toBe(1);
    expect(existsSync(keyFile)).toBe(false);
  });

  it('unset in production: no key written, an empty JWKS and no demo template', async () => {
    const keyFile = join(directory, 'data', 'token-signing-key.pem');
    const t = await startTestApp({
      env: { TOKEN_SIGNING_KEY: '', TOKEN_SIGNING_KEY_FILE: keyFile, NODE_ENV: 'production' },
    });
    try {
      const jwks = await t.http.get('/.well-known/jwks.json').expect(200);
      expect(jwks.body).toEqual({ keys: [] });
      const member = await signUp(t.http);
      await t.http.get('/me/tokens/demo').set(bearer(member.accessToken)).expect(404);
      expect(existsSync(keyFile)).toBe(false);
    } finally {
      await t.close();
    }
  });

  it('refuses a TOKEN_SIGNING_KEY that is not a usable private key, at start', async () => {
    expect(() => readSampleConfig({ TOKEN_SIGNING_KEY: '{"kty": "EC", ' })).toThrow(
      /TOKEN_SIGNING_KEY must be a PEM private key or a private JWK/,
    );
    await expect(startTestApp({ env: { TOKEN_SIGNING_KEY: 'not a key' } })).rejects.toThrow(
      /signingKey must be a private key/,
    );
    const weak = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString();
    await expect(startTestApp({ env: { TOKEN_SIGNING_KEY: weak } })).rejects.toThrow(
      /at least 2048 bits/,
    );
  });
});
