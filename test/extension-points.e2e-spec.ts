import { ForbiddenException } from '@nestjs/common';
import { Argon2PasswordHasher, type NewUserDraft, type PasswordHasher } from '@userkit/user';
import { hash as argon2Hash } from '@node-rs/argon2';
import { sql } from './support/database-access.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { bearer, GOOD_PASSWORD, signUp, uniqueEmail } from './support/users.js';

/** A host's hasher: wraps argon2 and records what it was asked, to prove the override is used. */
class RecordingHasher implements PasswordHasher {
  readonly calls: string[] = [];
  private readonly inner = new Argon2PasswordHasher();
  async hash(password: string): Promise<string> {
    this.calls.push('hash');
    return `host$${await this.inner.hash(password)}`;
  }
  async verify(stored: string, password: string): Promise<boolean> {
    this.calls.push('verify');
    return stored.startsWith('host$') && this.inner.verify(stored.slice(5), password);
  }
  needsRehash(): boolean {
    return false;
  }
}

describe('extension points a host overrides', () => {
  describe('PasswordHasher', () => {
    const hasher = new RecordingHasher();
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ overrides: { passwordHasher: hasher } });
    });
    afterAll(async () => {
      await t.close();
    });

    it("stores the host hasher's format and signs in through it", async () => {
      const account = await signUp(t.http);
      const [row] = await sql<{ password_hash: string }>(
        t.app,
        'select password_hash from userkit_users where id = ?',
        [account.user.id],
      );
      expect(row.password_hash).toMatch(/^host\$\$argon2id\$/);
      hasher.calls.length = 0;
      await t.http
        .post('/auth/login')
        .send({ email: account.email, password: account.password })
        .expect(200);
      expect(hasher.calls).toEqual(['verify']);
    });

    it('spends a verification on an unknown email too (no timing oracle)', async () => {
      hasher.calls.length = 0;
      await t.http
        .post('/auth/login')
        .send({ email: uniqueEmail('nobody'), password: GOOD_PASSWORD })
        .expect(401);
      expect(hasher.calls).toEqual(['verify']);
    });
  });

  describe('UserLifecycleHooks', () => {
    const created: Array<{ id: string; email: string | null }> = [];
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({
        overrides: {
          lifecycleHooks: {
            beforeCreate: (draft: NewUserDraft) => {
              if (draft.email?.endsWith('@blocked.example'))
                throw new ForbiddenException('Sign-ups from this domain are closed');
              return {
                ...draft,
                publicMetadata: { plan: 'free' },
                displayName: draft.displayName ?? 'Newcomer',
              };
            },
            afterCreate: (user) => {
              created.push(user);
            },
          },
        },
      });
    });
    afterAll(async () => {
      await t.close();
    });

    it('beforeCreate enriches the new user and afterCreate hears of it', async () => {
      const account = await signUp(t.http);
      expect(account.user).toMatchObject({
        publicMetadata: { plan: 'free' },
        displayName: 'Newcomer',
      });
      expect(created).toContainEqual({ id: account.user.id, email: account.email });
    });

    it('beforeCreate can refuse a sign-up, and nothing is written', async () => {
      const email = `someone.${Date.now()}@blocked.example`;
      const response = await t.http
        .post('/auth/signup')
        .send({ email, password: GOOD_PASSWORD })
        .expect(403);
      expect(response.body.message).toBe('Sign-ups from this domain are closed');
      const rows = await sql(
        t.app,
        'select id from userkit_email_addresses where normalized_email = ?',
        [email],
      );
      expect(rows).toHaveLength(0);
    });
  });

  describe('the default argon2id hasher', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(async () => {
      await t.close();
    });

    it('hashes with argon2id m=19456,t=2,p=1 and re-hashes an older hash at sign-in', async () => {
      const account = await signUp(t.http);
      const read = async () =>
        (
          await sql<{ password_hash: string }>(
            t.app,
            'select password_hash from userkit_users where id = ?',
            [account.user.id],
          )
        )[0].password_hash;
      expect(await read()).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      const weak = await argon2Hash(account.password, {
        algorithm: 2,
        memoryCost: 4096,
        timeCost: 1,
        parallelism: 1,
      });
      await sql(t.app, 'update userkit_users set password_hash = ? where id = ?', [
        weak,
        account.user.id,
      ]);
      await t.http
        .post('/auth/login')
        .send({ email: account.email, password: account.password })
        .expect(200);
      expect(await read()).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      await t.http
        .post('/auth/login')
        .send({ email: account.email, password: account.password })
        .expect(200);
    });

    it('stores only SHA-256 digests of refresh tokens', async () => {
      const account = await signUp(t.http);
      const rows = await sql<{ token_hash: string }>(
        t.app,
        'select token_hash from userkit_refresh_tokens',
      );
      expect(rows.some((row) => row.token_hash === account.refreshToken)).toBe(false);
      const { createHash } = await import('node:crypto');
      const digest = createHash('sha256').update(account.refreshToken).digest('hex');
      expect(rows.map((row) => row.token_hash)).toContain(digest);
      await t.http.get('/me').set(bearer(account.accessToken)).expect(200);
    });
  });
});
