import { ForbiddenException, Injectable, Module, type INestApplication } from '@nestjs/common';
import {
  Argon2PasswordHasher,
  UserModule,
  type NewUserDraft,
  type PasswordHasher,
  type PasswordResetMessage,
} from '@userkit/user';
import { hash as argon2Hash } from '@node-rs/argon2';
import { startBareHost, type BareHost } from './support/bare-host.js';
import { CapturingMessageSender } from './support/captured-messages.js';
import { sql } from './support/database-access.js';
import type { Http } from './support/http.js';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from './support/test-app.js';
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

/** A host service the host's own collaborators depend on: proves the host's DI built them. */
@Injectable()
class HostAudit {
  readonly events: string[] = [];
}

@Injectable()
class HostHasher implements PasswordHasher {
  private readonly inner = new Argon2PasswordHasher();
  constructor(private readonly audit: HostAudit) {}
  async hash(password: string): Promise<string> {
    this.audit.events.push('hash');
    return `dihost$${await this.inner.hash(password)}`;
  }
  async verify(stored: string, password: string): Promise<boolean> {
    this.audit.events.push('verify');
    return stored.startsWith('dihost$') && this.inner.verify(stored.slice(7), password);
  }
  needsRehash(): boolean {
    return false;
  }
}

@Injectable()
class HostMailer extends CapturingMessageSender {
  constructor(private readonly audit: HostAudit) {
    super();
  }
  override async sendPasswordResetLink(message: PasswordResetMessage): Promise<void> {
    this.audit.events.push('resetLink');
    await super.sendPasswordResetLink(message);
  }
}

@Module({ providers: [HostAudit, HostHasher, HostMailer], exports: [HostHasher, HostMailer] })
class HostExtensionsModule {}

describe('extension points a host overrides', () => {
  describe('collaborators built by the host DI through forRootAsync({ imports, inject })', () => {
    let host: BareHost;
    let app: INestApplication;
    let http: Http;
    beforeAll(async () => {
      host = await startBareHost({
        userModule: UserModule.forRootAsync({
          imports: [HostExtensionsModule],
          inject: [HostHasher, HostMailer],
          useFactory: (passwordHasher: HostHasher, messageSender: HostMailer) => ({
            tokenSecret: TEST_JWT_SECRET,
            rateLimits: false,
            publicUrl: 'http://127.0.0.1:3000',
            passwordHasher,
            messageSender,
          }),
        }),
      });
      ({ app, http } = host);
    });
    afterAll(async () => {
      await host?.close();
    });

    it("hashes and verifies passwords with the host's PasswordHasher", async () => {
      const audit = app.select(HostExtensionsModule).get(HostAudit);
      const account = await signUp(http);
      const [row] = await sql<{ password_hash: string }>(
        app,
        'select password_hash from userkit_users where id = ?',
        [account.user.id],
      );
      expect(row.password_hash).toMatch(/^dihost\$\$argon2id\$/);
      audit.events.length = 0;
      await http
        .post('/auth/login')
        .send({ email: account.email, password: account.password })
        .expect(200);
      expect(audit.events).toEqual(['verify']);
    });

    it("sends messages through the host's MessageSender", async () => {
      const audit = app.select(HostExtensionsModule).get(HostAudit);
      const mailer = app.select(HostExtensionsModule).get(HostMailer);
      const account = await signUp(http);
      await http.post('/auth/password/forgot').send({ email: account.email }).expect(202);
      const message = await mailer.waitForResetLink(account.email);
      expect(message.link).toMatch(/^http:\/\/127\.0\.0\.1:3000\/reset-password\?token=/);
      expect(audit.events).toContain('resetLink');
    });
  });

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
