import { startTestApp, TEST_JWT_SECRET, type TestApp } from './support/test-app.js';
import { bearer, signUp } from './support/users.js';
import { JwtService } from '@nestjs/jwt';

describe('the signed-in user: GET/PATCH /me and the host routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  describe('GET /me', () => {
    it('returns the self view', async () => {
      const account = await signUp(t.http, { firstName: 'Grace', lastName: 'Hopper' });
      const response = await t.http.get('/me').set(bearer(account.accessToken)).expect(200);
      expect(response.body).toMatchObject({
        id: account.user.id,
        firstName: 'Grace',
        lastName: 'Hopper',
        primaryEmail: account.email,
        roles: ['user'],
        isAnonymous: false,
      });
      expect(response.body).not.toHaveProperty('privateMetadata');
      expect(response.body).not.toHaveProperty('banned');
      expect(JSON.stringify(response.body)).not.toMatch(/argon2|passwordHash|refreshToken/);
    });

    it.each([
      ['no Authorization header', {}],
      ['a malformed header', { Authorization: 'Bearer' }],
      ['another scheme', { Authorization: 'Basic dXNlcjpwYXNz' }],
      ['a garbage token', { Authorization: 'Bearer not.a.jwt' }],
    ])('answers 401 with %s', async (_, headers) => {
      const response = await t.http.get('/me').set(headers).expect(401);
      expect(response.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    });

    it('refuses a token signed with another secret, an expired one and one for a made-up session', async () => {
      const account = await signUp(t.http);
      const payload = JSON.parse(
        Buffer.from(account.accessToken.split('.')[1], 'base64url').toString(),
      );
      const forged = await new JwtService({
        secret: 'another-secret-another-secret-another',
      }).signAsync(
        { sub: payload.sub, sid: payload.sid, roles: ['admin'] },
        { issuer: 'userkit', expiresIn: 900 },
      );
      await t.http.get('/me').set(bearer(forged)).expect(401);
      const signer = new JwtService({ secret: TEST_JWT_SECRET });
      const expired = await signer.signAsync(
        { sub: payload.sub, sid: payload.sid, roles: [], exp: Math.floor(Date.now() / 1000) - 10 },
        { issuer: 'userkit' },
      );
      await t.http.get('/me').set(bearer(expired)).expect(401);
      const noSession = await signer.signAsync(
        { sub: payload.sub, sid: '01900000-0000-7000-8000-000000000000', roles: ['user'] },
        { issuer: 'userkit', expiresIn: 900 },
      );
      await t.http.get('/me').set(bearer(noSession)).expect(401);
      const otherUsersSession = await signUp(t.http);
      const otherPayload = JSON.parse(
        Buffer.from(otherUsersSession.accessToken.split('.')[1], 'base64url').toString(),
      );
      const mixed = await signer.signAsync(
        { sub: payload.sub, sid: otherPayload.sid, roles: ['user'] },
        { issuer: 'userkit', expiresIn: 900 },
      );
      await t.http.get('/me').set(bearer(mixed)).expect(401);
    });
  });

  describe('PATCH /me', () => {
    it('updates names, picture and unsafeMetadata, and null clears a field', async () => {
      const account = await signUp(t.http, { displayName: 'Old', unsafeMetadata: { a: 1 } });
      const response = await t.http
        .patch('/me')
        .set(bearer(account.accessToken))
        .send({
          displayName: 'New',
          firstName: 'Nova',
          picture: 'https://example.com/p.png',
          unsafeMetadata: { b: 2 },
        })
        .expect(200);
      expect(response.body).toMatchObject({
        displayName: 'New',
        firstName: 'Nova',
        picture: 'https://example.com/p.png',
        unsafeMetadata: { b: 2 },
      });
      const cleared = await t.http
        .patch('/me')
        .set(bearer(account.accessToken))
        .send({ displayName: null })
        .expect(200);
      expect(cleared.body.displayName).toBeNull();
      expect(cleared.body.firstName).toBe('Nova');
      const again = await t.http.get('/me').set(bearer(account.accessToken)).expect(200);
      expect(again.body).toMatchObject({
        displayName: null,
        firstName: 'Nova',
        unsafeMetadata: { b: 2 },
      });
    });

    it.each([
      'roles',
      'publicMetadata',
      'privateMetadata',
      'isAnonymous',
      'id',
      'banned',
      'emailAddresses',
      'createdAt',
    ])('refuses %s with 400 and changes nothing', async (field) => {
      const account = await signUp(t.http, { displayName: 'Keep' });
      const response = await t.http
        .patch('/me')
        .set(bearer(account.accessToken))
        .send({ displayName: 'Changed', [field]: field === 'roles' ? ['admin'] : { x: 1 } })
        .expect(400);
      expect(response.body.message).toContain(`property ${field} should not exist`);
      const me = await t.http.get('/me').set(bearer(account.accessToken)).expect(200);
      expect(me.body.displayName).toBe('Keep');
      expect(me.body.roles).toEqual(['user']);
      expect(me.body.publicMetadata).toEqual({});
    });

    it('answers 400 for wrong types and 401 when signed out', async () => {
      const account = await signUp(t.http);
      await t.http
        .patch('/me')
        .set(bearer(account.accessToken))
        .send({ displayName: 7 })
        .expect(400);
      await t.http
        .patch('/me')
        .set(bearer(account.accessToken))
        .send({ displayName: 'x'.repeat(201) })
        .expect(400);
      await t.http
        .patch('/me')
        .set(bearer(account.accessToken))
        .send({ unsafeMetadata: 'text' })
        .expect(400);
      await t.http.patch('/me').send({ displayName: 'x' }).expect(401);
    });
  });

  describe("the host's own routes behind the global guards", () => {
    it('needs a session for /hello, a role for /hello/admin, nothing for /hello/public', async () => {
      const account = await signUp(t.http, { displayName: 'Hopper' });
      await t.http.get('/hello').expect(401);
      const hello = await t.http.get('/hello').set(bearer(account.accessToken)).expect(200);
      expect(hello.body).toEqual({ message: 'Hello, Hopper', roles: ['user'] });
      const forbidden = await t.http
        .get('/hello/admin')
        .set(bearer(account.accessToken))
        .expect(403);
      expect(forbidden.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
      await t.http.get('/hello/public').expect(200);
    });
  });
});
