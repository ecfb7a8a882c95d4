import { MikroORM, type MigrationObject } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { readFileSync } from 'node:fs';
import { Argon2PasswordHasher } from '@userkit/user';
import { databaseOptions } from '../../apps/sample/src/database-options.js';
import { sql } from '../support/database-access.js';
import { startTestApp } from '../support/test-app.js';
import { createTestDatabase, TEST_DB, type TestDatabase } from '../support/test-database.js';

/**
 * The statements each migration of release 0.1.0 ran, recorded from its code (when the core
 * created every table, OAuth and 2FA included): replayed under their names, they make a database
 * exactly as that release left it.
 */
interface RecordedMigration {
  name: string;
  postgresql: string[];
  sqlite: string[];
}
const RELEASE: { migrations: RecordedMigration[] } = JSON.parse(
  readFileSync('test/fixtures/release-0.1.0-migrations.json', 'utf8'),
);
const DIALECT = TEST_DB === 'postgres' ? 'postgresql' : 'sqlite';
const PASSWORD = 'correct horse battery staple';
const LATER = new Date(Date.now() + 3_600_000).toISOString();
const AT = new Date().toISOString();

function releaseMigrations(upTo: string | undefined): MigrationObject[] {
  const list: MigrationObject[] = [];
  for (const recorded of RELEASE.migrations) {
    class Replayed extends Migration {
      override name = recorded.name;
      override up(): void {
        for (const statement of recorded[DIALECT]) this.addSql(statement);
      }
    }
    list.push({ name: recorded.name, class: Replayed });
    if (recorded.name === upTo) break;
  }
  return list;
}

/** One row in every table of that release; booleans as literals, which both databases read. */
const ROWS: [table: string, insert: string, params: unknown[]][] = [
  [
    'userkit_roles',
    'insert into userkit_roles (name, built_in, created_at) values (?, true, ?)',
    ['user', AT],
  ],
  [
    'userkit_users',
    'insert into userkit_users (id, password_hash, public_metadata, private_metadata, unsafe_metadata, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)',
    ['user-1', 'HASH', '{"plan":"pro"}', '{}', '{}', AT, AT],
  ],
  [
    'userkit_user_roles',
    'insert into userkit_user_roles (user_id, role_name) values (?, ?)',
    ['user-1', 'user'],
  ],
  [
    'userkit_email_addresses',
    'insert into userkit_email_addresses (id, user_id, email, normalized_email, verified, "primary", created_at) values (?, ?, ?, ?, true, true, ?)',
    ['email-1', 'user-1', 'Kept@Example.com', 'kept@example.com', AT],
  ],
  [
    'userkit_phone_numbers',
    'insert into userkit_phone_numbers (id, user_id, phone_number, verified, "primary", created_at) values (?, ?, ?, true, true, ?)',
    ['phone-1', 'user-1', '+14155550100', AT],
  ],
  [
    'userkit_external_accounts',
    'insert into userkit_external_accounts (id, user_id, provider, provider_user_id, created_at) values (?, ?, ?, ?, ?)',
    ['account-1', 'user-1', 'github', '42', AT],
  ],
  [
    'userkit_sessions',
    'insert into userkit_sessions (id, user_id, created_at, authenticated_at, last_used_at, expires_at) values (?, ?, ?, ?, ?, ?)',
    ['session-1', 'user-1', AT, AT, AT, LATER],
  ],
  [
    'userkit_refresh_tokens',
    'insert into userkit_refresh_tokens (id, session_id, token_hash, created_at) values (?, ?, ?, ?)',
    ['refresh-1', 'session-1', 'a'.repeat(64), AT],
  ],
  [
    'userkit_verification_codes',
    'insert into userkit_verification_codes (id, user_id, phone_number_id, code_hash, expires_at, created_at) values (?, ?, ?, ?, ?, ?)',
    ['code-1', 'user-1', 'phone-1', 'b'.repeat(64), LATER, AT],
  ],
  [
    'userkit_password_reset_tokens',
    'insert into userkit_password_reset_tokens (id, user_id, token_hash, expires_at, created_at) values (?, ?, ?, ?, ?)',
    ['reset-1', 'user-1', 'c'.repeat(64), LATER, AT],
  ],
  [
    'userkit_totp_credentials',
    'insert into userkit_totp_credentials (id, user_id, encrypted_secret, created_at) values (?, ?, ?, ?)',
    ['totp-1', 'user-1', 'sealed', AT],
  ],
  [
    'userkit_backup_codes',
    'insert into userkit_backup_codes (id, user_id, code_hash, created_at) values (?, ?, ?, ?)',
    ['backup-1', 'user-1', 'd'.repeat(64), AT],
  ],
  [
    'userkit_two_factor_challenges',
    'insert into userkit_two_factor_challenges (id, user_id, token_hash, expires_at, created_at) values (?, ?, ?, ?, ?)',
    ['challenge-1', 'user-1', 'e'.repeat(64), LATER, AT],
  ],
  [
    'userkit_oauth_states',
    'insert into userkit_oauth_states (id, state_hash, provider, browser_hash, redirect_url, created_at, expires_at) values (?, ?, ?, ?, ?, ?, ?)',
    ['state-1', 'f'.repeat(64), 'github', '0'.repeat(64), 'https://app.example/', AT, LATER],
  ],
  [
    'userkit_oauth_link_intents',
    'insert into userkit_oauth_link_intents (id, token_hash, user_id, session_id, provider, redirect_url, created_at, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
    [
      'intent-1',
      '1'.repeat(64),
      'user-1',
      'session-1',
      'google',
      'https://app.example/',
      AT,
      LATER,
    ],
  ],
  [
    'userkit_oauth_exchange_codes',
    'insert into userkit_oauth_exchange_codes (id, code_hash, user_id, created_at, expires_at) values (?, ?, ?, ?, ?)',
    ['exchange-1', '2'.repeat(64), 'user-1', AT, LATER],
  ],
  [
    'userkit_attribute_definitions',
    'insert into userkit_attribute_definitions (key, kind, name, type, validation, access_admin, access_bearer, access_end_user, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ['custom:plan', 'custom', 'plan', 'string', '{}', 'editable', 'hidden', 'readonly', AT, AT],
  ],
];

/** Columns and index names per table, for comparing two schemas. */
async function schemaOf(orm: MikroORM): Promise<Record<string, string[]>> {
  const connection = orm.em.getConnection();
  const rows =
    DIALECT === 'sqlite'
      ? await connection.execute(
          "select m.name as table_name, p.name as column_name from sqlite_master m join pragma_table_info(m.name) p where m.type = 'table' and m.name like 'userkit_%'",
        )
      : await connection.execute(
          "select table_name, column_name from information_schema.columns where table_schema = current_schema() and table_name like 'userkit_%'",
        );
  const indexes =
    DIALECT === 'sqlite'
      ? await connection.execute(
          "select tbl_name as table_name, name as column_name from sqlite_master where type = 'index' and tbl_name like 'userkit_%'",
        )
      : await connection.execute(
          "select tablename as table_name, indexname as column_name from pg_indexes where schemaname = current_schema() and tablename like 'userkit_%'",
        );
  const columns: Record<string, string[]> = {};
  for (const row of rows as { table_name: string; column_name: string }[])
    (columns[row.table_name] ??= []).push(row.column_name);
  for (const row of indexes as { table_name: string; column_name: string }[])
    (columns[row.table_name] ??= []).push(`index ${row.column_name}`);
  for (const list of Object.values(columns)) list.sort();
  return columns;
}

async function makeReleaseDatabase(upTo: string | undefined): Promise<TestDatabase> {
  const database = await createTestDatabase();
  const orm = await MikroORM.init({
    ...databaseOptions(database.url),
    migrations: { migrationsList: releaseMigrations(upTo), snapshot: false, silent: true },
  });
  try {
    await orm.migrator.up();
    const connection = orm.em.getConnection();
    const hash = await new Argon2PasswordHasher().hash(PASSWORD);
    for (const [, insert, params] of ROWS)
      await connection.execute(
        insert,
        params.map((value) => (value === 'HASH' ? hash : value)),
      );
  } finally {
    await orm.close();
  }
  return database;
}

describe.each([
  ['release 0.1.0', undefined],
  ['an earlier build of 0.1.0, before the OAuth bindings', 'Migration20261125700000ProfileSchema'],
])('a database made by %s, moved forward to the core + feature modules', (_label, upTo) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await makeReleaseDatabase(upTo);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('keeps every row, gains the missing columns, and signs its user in', async () => {
    // The sample runs USER_MIGRATIONS and every feature's at start.
    const t = await startTestApp({ database });
    try {
      for (const [table] of ROWS) {
        const [{ count }] = await sql<{ count: number | string }>(
          t.app,
          `select count(*) as count from ${table}`,
        );
        expect([table, Number(count)]).toEqual([
          table,
          table === 'userkit_roles' ? expect.any(Number) : 1,
        ]);
      }
      expect(
        await sql(t.app, 'select browser_hash, code_challenge from userkit_oauth_exchange_codes'),
      ).toEqual([{ browser_hash: null, code_challenge: null }]);
      expect(await sql(t.app, 'select first_factor from userkit_two_factor_challenges')).toEqual([
        { first_factor: 'password' },
      ]);
      expect(
        await sql(t.app, 'select email_address_id from userkit_password_reset_tokens'),
      ).toEqual([{ email_address_id: null }]);
      expect(await t.app.get(MikroORM).migrator.getPending()).toEqual([]);

      const login = await t.http
        .post('/auth/login')
        .send({ email: 'kept@example.com', password: PASSWORD })
        .expect(200);
      const me = await t.http
        .get('/me')
        .set('Authorization', `Bearer ${login.body.accessToken}`)
        .expect(200);
      expect(
        me.body.phoneNumbers.map((phone: { phoneNumber: string }) => phone.phoneNumber),
      ).toEqual(['+14155550100']);
      expect(
        me.body.externalAccounts.map((account: { provider: string }) => account.provider),
      ).toEqual(['github']);
      expect(me.body.publicMetadata).toEqual({ plan: 'pro' });
    } finally {
      await t.close({ keepDatabase: true });
    }
  });
});

it('a new database gets the same tables, columns and indexes as one moved forward from 0.1.0', async () => {
  const moved = await makeReleaseDatabase(undefined);
  const fresh = await createTestDatabase();
  const open = (url: string) => MikroORM.init(databaseOptions(url));
  const [movedOrm, freshOrm] = [await open(moved.url), await open(fresh.url)];
  try {
    await movedOrm.migrator.up();
    await freshOrm.migrator.up();
    expect(await schemaOf(freshOrm)).toEqual(await schemaOf(movedOrm));
  } finally {
    await movedOrm.close();
    await freshOrm.close();
    await moved.drop();
    await fresh.drop();
  }
});
