import { signInAdmin, ADMIN_ENV } from './support/admin.js';
import { sql } from './support/database-access.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { bearer, GOOD_PASSWORD, signUp, uniqueEmail, type SignedUp } from './support/users.js';

describe('admin search filters, ban and metadata merge', () => {
  let t: TestApp;
  let admin: { accessToken: string; id: string };
  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV });
    admin = await signInAdmin(t.http);
  });
  afterAll(async () => {
    await t.close();
  });
  const asAdmin = () => bearer(admin.accessToken);
  const list = async (query: Record<string, string>): Promise<string[]> => {
    const response = await t.http.get('/admin/users').query(query).set(asAdmin()).expect(200);
    return response.body.data.map((user: { id: string }) => user.id);
  };

  describe('filters and sorts', () => {
    let verified: SignedUp;
    let plain: SignedUp;
    let anonymousId: string;
    let bannedUser: SignedUp;
    let between: Date;
    beforeAll(async () => {
      verified = await signUp(t.http, { email: uniqueEmail('b-verified') });
      await sql(t.app, 'update userkit_email_addresses set verified = ? where user_id = ?', [
        true,
        verified.user.id,
      ]);
      await new Promise((resolve) => setTimeout(resolve, 20));
      between = new Date();
      await new Promise((resolve) => setTimeout(resolve, 20));
      plain = await signUp(t.http, { email: uniqueEmail('a-plain') });
      anonymousId = (await t.http.post('/auth/signup/anonymous').send({}).expect(201)).body.user.id;
      bannedUser = await signUp(t.http, { email: uniqueEmail('c-banned') });
      await t.http.post(`/admin/users/${bannedUser.user.id}/ban`).set(asAdmin()).expect(200);
    });

    it('verified', async () => {
      const yes = await list({ verified: 'true' });
      expect(yes).toContain(verified.user.id);
      expect(yes).not.toContain(plain.user.id);
      const no = await list({ verified: 'false' });
      expect(no).toContain(plain.user.id);
      expect(no).not.toContain(verified.user.id);
    });

    it('anonymous and banned', async () => {
      expect(await list({ anonymous: 'true' })).toEqual([anonymousId]);
      expect(await list({ anonymous: 'false' })).not.toContain(anonymousId);
      expect(await list({ banned: 'true' })).toEqual([bannedUser.user.id]);
      expect(await list({ banned: 'false' })).not.toContain(bannedUser.user.id);
    });

    it('createdAfter and createdBefore', async () => {
      const after = await list({ createdAfter: between.toISOString() });
      expect(after).toEqual(
        expect.arrayContaining([plain.user.id, anonymousId, bannedUser.user.id]),
      );
      expect(after).not.toContain(verified.user.id);
      const before = await list({ createdBefore: between.toISOString() });
      expect(before).toContain(verified.user.id);
      expect(before).not.toContain(plain.user.id);
    });

    it('refuses bad filter values by name', async () => {
      for (const [query, field] of [
        [{ verified: 'yes' }, 'verified'],
        [{ createdAfter: 'yesterday' }, 'createdAfter'],
        [{ sort: 'name' }, 'sort'],
        [{ order: 'up' }, 'order'],
        [{ attribute: 'Bad-Name', attributeValue: 'x' }, 'attribute'],
      ] as const) {
        const response = await t.http.get('/admin/users').query(query).set(asAdmin()).expect(400);
        expect(JSON.stringify(response.body.message)).toContain(field);
      }
    });

    it('sorts by email both ways with a keyset cursor, page by page', async () => {
      const walk = async (order: 'asc' | 'desc'): Promise<string[]> => {
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const response = await t.http
            .get('/admin/users')
            .query({ sort: 'email', order, limit: '2', ...(cursor ? { cursor } : {}) })
            .set(asAdmin())
            .expect(200);
          seen.push(
            ...response.body.data.map(
              (user: { primaryEmail: string | null }) => user.primaryEmail ?? '',
            ),
          );
          cursor = response.body.nextCursor ?? undefined;
        } while (cursor);
        return seen;
      };
      const ascending = await walk('asc');
      const expected = [...ascending].sort((left, right) =>
        left < right ? -1 : left > right ? 1 : 0,
      );
      expect(ascending.map((email) => email.toLowerCase())).toEqual(
        expected.map((email) => email.toLowerCase()),
      );
      expect(ascending).toHaveLength(5);
      expect(await walk('desc')).toEqual([...ascending].reverse());
      // A cursor of one sort is refused under another.
      const first = await t.http
        .get('/admin/users')
        .query({ sort: 'email', limit: '1' })
        .set(asAdmin())
        .expect(200);
      await t.http
        .get('/admin/users')
        .query({ sort: 'createdAt', order: 'desc', cursor: first.body.nextCursor })
        .set(asAdmin())
        .expect(400);
    });

    it('sorts by creation time descending', async () => {
      const ids = await list({ order: 'desc' });
      expect(ids[0]).toBe(bannedUser.user.id);
      expect(ids[ids.length - 1]).toBe(admin.id);
    });

    it('filters on a searchable custom attribute only', async () => {
      await t.http
        .post('/admin/attributes')
        .set(asAdmin())
        .send({ name: 'team', type: 'string', searchable: true })
        .expect(201);
      await t.http
        .post('/admin/attributes')
        .set(asAdmin())
        .send({ name: 'secret_team', type: 'string' })
        .expect(201);
      await t.http
        .patch(`/admin/users/${plain.user.id}`)
        .set(asAdmin())
        .send({ customAttributes: { team: "o'brien %_", secret_team: 'x' } })
        .expect(200);
      expect(await list({ attribute: 'team', attributeValue: "o'brien %_" })).toEqual([
        plain.user.id,
      ]);
      expect(await list({ attribute: 'team', attributeValue: "o'brien" })).toEqual([]);
      const refused = await t.http
        .get('/admin/users')
        .query({ attribute: 'secret_team', attributeValue: 'x' })
        .set(asAdmin())
        .expect(400);
      expect(refused.body.message).toEqual([
        'attribute secret_team is not a searchable custom attribute',
      ]);
      await t.http.get('/admin/users').query({ attribute: 'team' }).set(asAdmin()).expect(400);
      await t.http
        .post('/admin/attributes')
        .set(asAdmin())
        .send({ name: 'level', type: 'integer', searchable: true })
        .expect(201);
      await t.http
        .patch(`/admin/users/${plain.user.id}`)
        .set(asAdmin())
        .send({ customAttributes: { level: 3 } })
        .expect(200);
      expect(await list({ attribute: 'level', attributeValue: '3' })).toEqual([plain.user.id]);
    });
  });

  describe('ban and unban', () => {
    it('a ban kills the sessions at once; sign-in answers like a wrong password; unban restores sign-in', async () => {
      const member = await signUp(t.http);
      await t.http.get('/me').set(bearer(member.accessToken)).expect(200);
      const banned = await t.http
        .post(`/admin/users/${member.user.id}/ban`)
        .set(asAdmin())
        .expect(200);
      expect(banned.body.banned).toBe(true);
      await t.http.get('/me').set(bearer(member.accessToken)).expect(401);
      await t.http.post('/auth/refresh').send({ refreshToken: member.refreshToken }).expect(401);
      const revoked = await sql<{ revoked_reason: string | null }>(
        t.app,
        'select revoked_reason from userkit_sessions where user_id = ?',
        [member.user.id],
      );
      expect(revoked.map((row) => row.revoked_reason)).toEqual(['banned']);
      const bannedLogin = await t.http
        .post('/auth/login')
        .send({ email: member.email, password: GOOD_PASSWORD })
        .expect(401);
      const wrongPassword = await t.http
        .post('/auth/login')
        .send({ email: member.email, password: 'wrong-password-entirely-7' })
        .expect(401);
      expect(bannedLogin.body).toEqual(wrongPassword.body);
      const unbanned = await t.http
        .post(`/admin/users/${member.user.id}/unban`)
        .set(asAdmin())
        .expect(200);
      expect(unbanned.body.banned).toBe(false);
      await t.http
        .post('/auth/login')
        .send({ email: member.email, password: GOOD_PASSWORD })
        .expect(200);
    });

    it('refuses to ban yourself, unknown users, non-admins and bodies', async () => {
      await t.http.post(`/admin/users/${admin.id}/ban`).set(asAdmin()).expect(400);
      await t.http.post('/admin/users/no-such-user/ban').set(asAdmin()).expect(404);
      await t.http.post('/admin/users/no-such-user/unban').set(asAdmin()).expect(404);
      const member = await signUp(t.http);
      await t.http.post(`/admin/users/${admin.id}/ban`).set(bearer(member.accessToken)).expect(403);
      await t.http
        .post(`/admin/users/${member.user.id}/ban`)
        .set(asAdmin())
        .send({ why: 'x' })
        .expect(400);
    });
  });

  describe('revoking sessions', () => {
    it("ends every session of the user at once, leaves other users' alone, and lets the user sign in again", async () => {
      const member = await signUp(t.http);
      const second = await t.http
        .post('/auth/login')
        .send({ email: member.email, password: GOOD_PASSWORD })
        .expect(200);
      const bystander = await signUp(t.http);
      await t.http.delete(`/admin/users/${member.user.id}/sessions`).set(asAdmin()).expect(204);
      for (const accessToken of [member.accessToken, second.body.accessToken])
        await t.http.get('/me').set(bearer(accessToken)).expect(401);
      for (const refreshToken of [member.refreshToken, second.body.refreshToken])
        await t.http.post('/auth/refresh').send({ refreshToken }).expect(401);
      const reasons = await sql<{ revoked_reason: string | null }>(
        t.app,
        'select revoked_reason from userkit_sessions where user_id = ?',
        [member.user.id],
      );
      expect(reasons.map((row) => row.revoked_reason)).toEqual(['admin_revoked', 'admin_revoked']);
      await t.http.get('/me').set(bearer(bystander.accessToken)).expect(200);
      const again = await t.http
        .post('/auth/login')
        .send({ email: member.email, password: GOOD_PASSWORD })
        .expect(200);
      await t.http.get('/me').set(bearer(again.body.accessToken)).expect(200);
    });

    it('answers 404 for an unknown user and 403 for a non-admin', async () => {
      await t.http.delete('/admin/users/no-such-user/sessions').set(asAdmin()).expect(404);
      const member = await signUp(t.http);
      await t.http
        .delete(`/admin/users/${admin.id}/sessions`)
        .set(bearer(member.accessToken))
        .expect(403);
      await t.http.get('/me').set(asAdmin()).expect(200);
    });
  });

  describe('metadata merge', () => {
    it('deep-merges each object; null deletes a key; arrays are replaced', async () => {
      const created = await t.http
        .post('/admin/users')
        .set(asAdmin())
        .send({
          email: uniqueEmail('meta'),
          publicMetadata: {
            plan: 'free',
            org: { id: 'o1', name: 'Old', tags: ['a'] },
            trial: true,
          },
          privateMetadata: { note: 'keep' },
        })
        .expect(201);
      const merged = await t.http
        .patch(`/admin/users/${created.body.id}/metadata`)
        .set(asAdmin())
        .send({
          publicMetadata: { plan: 'pro', org: { name: 'New', tags: ['b'] }, trial: null },
          unsafeMetadata: { theme: 'dark' },
        })
        .expect(200);
      expect(merged.body.publicMetadata).toEqual({
        plan: 'pro',
        org: { id: 'o1', name: 'New', tags: ['b'] },
      });
      expect(merged.body.privateMetadata).toEqual({ note: 'keep' });
      expect(merged.body.unsafeMetadata).toEqual({ theme: 'dark' });
      expect(merged.body).toMatchObject({
        standardAttributes: expect.any(Object),
        customAttributes: {},
      });
      const nested = await t.http
        .patch(`/admin/users/${created.body.id}/metadata`)
        .set(asAdmin())
        .send({ publicMetadata: { org: { id: null } }, privateMetadata: { note: null } })
        .expect(200);
      expect(nested.body.publicMetadata).toEqual({
        plan: 'pro',
        org: { name: 'New', tags: ['b'] },
      });
      expect(nested.body.privateMetadata).toEqual({});
    });

    it('refuses bad input and a result over the limits', async () => {
      const member = await signUp(t.http);
      const path = `/admin/users/${member.user.id}/metadata`;
      await t.http
        .patch(path)
        .set(asAdmin())
        .send({ publicMetadata: [1] })
        .expect(400);
      await t.http
        .patch(path)
        .set(asAdmin())
        .send({ roles: ['admin'] })
        .expect(400);
      await t.http
        .patch(path)
        .set(asAdmin())
        .send(JSON.parse('{"publicMetadata":{"__proto__":{"x":1}}}'))
        .expect(400);
      await t.http
        .patch(path)
        .set(asAdmin())
        .send({ publicMetadata: { a: 'x'.repeat(5000) } })
        .expect(200);
      const tooBig = await t.http
        .patch(path)
        .set(asAdmin())
        .send({ publicMetadata: { b: 'y'.repeat(5000) } })
        .expect(400);
      expect(tooBig.body.message[0]).toContain('publicMetadata after the merge');
      const kept = await t.http.get(`/admin/users/${member.user.id}`).set(asAdmin()).expect(200);
      expect(Object.keys(kept.body.publicMetadata)).toEqual(['a']);
      await t.http
        .patch('/admin/users/no-such-user/metadata')
        .set(asAdmin())
        .send({ publicMetadata: {} })
        .expect(404);
    });

    it('two concurrent merges both land', async () => {
      const member = await signUp(t.http);
      const path = `/admin/users/${member.user.id}/metadata`;
      await Promise.all(
        Array.from({ length: 6 }, (_, index) =>
          t.http
            .patch(path)
            .set(asAdmin())
            .send({ publicMetadata: { [`k${index}`]: index } })
            .expect(200),
        ),
      );
      const user = await t.http.get(`/admin/users/${member.user.id}`).set(asAdmin()).expect(200);
      expect(user.body.publicMetadata).toEqual({ k0: 0, k1: 1, k2: 2, k3: 3, k4: 4, k5: 5 });
    });
  });
});
