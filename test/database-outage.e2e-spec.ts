import pg from 'pg';
import { TcpRelay } from '../scripts/tcp-relay.js';
import { createTestDatabase, TEST_DB, type TestDatabase } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { bearer, GOOD_PASSWORD, signUp, uniqueEmail } from './support/users.js';

// PostgreSQL: the line to the server is cut. SQLite (one file, no server): another process holds
// the write lock.
if (TEST_DB === 'sqlite') describeLockedSqlite();
else describeLostPostgres();

function describeLockedSqlite(): void {
  describe('a locked SQLite file', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(async () => {
      await t.close();
    });

    it('answers 503 with Retry-After while another process holds the lock, then works again', async () => {
      const file = t.database.url.slice('sqlite:'.length);
      const { default: Database } = await import('better-sqlite3');
      const intruder = new Database(file);
      const lostEmail = uniqueEmail('locked');
      try {
        intruder.exec('begin exclusive');
        const refused = await t.http
          .post('/auth/signup')
          .send({ email: lostEmail, password: GOOD_PASSWORD });
        expect(refused.status).toBe(503);
        expect(refused.headers['retry-after']).toBe('5');
        expect(refused.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
      } finally {
        intruder.exec('rollback');
        intruder.close();
      }
      await t.http.get('/health/live').expect(200);
      await t.http
        .post('/auth/signup')
        .send({ email: uniqueEmail('unlocked'), password: GOOD_PASSWORD })
        .expect(201);
      await t.http
        .post('/auth/login')
        .send({ email: lostEmail, password: GOOD_PASSWORD })
        .expect(401);
    });
  });
}

function describeLostPostgres(): void {
  describe('losing the PostgreSQL connection', () => {
    let database: TestDatabase;
    let relay: TcpRelay;
    let t: TestApp;

    beforeAll(async () => {
      database = await createTestDatabase();
      const target = new URL(database.url);
      relay = new TcpRelay(target.hostname, Number(target.port));
      const relayed = new URL(database.url);
      relayed.port = String(await relay.start());
      relayed.hostname = '127.0.0.1';
      t = await startTestApp({ database: { url: relayed.toString(), drop: async () => {} } });
    });

    afterAll(async () => {
      await t.close();
      await relay.stop();
      await database.drop();
    });

    it('answers 503 with Retry-After while the database is gone, writes nothing half-way, and recovers within 5 s', async () => {
      const account = await signUp(t.http);
      await relay.cut();

      const lostEmail = uniqueEmail('during-outage');
      const signUpDuringOutage = await t.http
        .post('/auth/signup')
        .send({ email: lostEmail, password: GOOD_PASSWORD });
      expect(signUpDuringOutage.status).toBe(503);
      expect(signUpDuringOutage.headers['retry-after']).toBe('5');
      expect(signUpDuringOutage.body).toMatchObject({
        statusCode: 503,
        error: 'Service Unavailable',
      });
      const me = await t.http.get('/me').set(bearer(account.accessToken));
      expect(me.status).toBe(503);
      const login = await t.http
        .post('/auth/login')
        .send({ email: account.email, password: account.password });
      expect(login.status).toBe(503);
      await t.http.get('/health/ready').expect(503);
      await t.http.get('/health/live').expect(200);

      await relay.restore();
      const restoredAt = Date.now();
      let recovered = false;
      while (Date.now() - restoredAt < 5000) {
        const probe = await t.http.get('/me').set(bearer(account.accessToken));
        if (probe.status === 200) {
          recovered = true;
          break;
        }
        expect(probe.status).toBe(503);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(recovered).toBe(true);
      await t.http.get('/health/ready').expect(200);
      await t.http
        .post('/auth/signup')
        .send({ email: uniqueEmail('after-outage'), password: GOOD_PASSWORD })
        .expect(201);

      // Every user has its email, and the sign-up refused during the outage left no trace.
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const orphans = await client.query(
          'select count(*)::int as n from userkit_users u where not exists (select 1 from userkit_email_addresses e where e.user_id = u.id) and not u.is_anonymous',
        );
        expect(orphans.rows[0].n).toBe(0);
        const lost = await client.query(
          'select count(*)::int as n from userkit_email_addresses where normalized_email = $1',
          [lostEmail],
        );
        expect(lost.rows[0].n).toBe(0);
      } finally {
        await client.end();
      }
    });
  });
}
