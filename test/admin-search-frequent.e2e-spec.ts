import { ADMIN_ENV, signInAdmin } from './support/admin.js';
import { sql } from './support/database-access.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { bearer } from './support/users.js';

const COUNT = 200;

/**
 * Search terms holding a trigram nearly every row has (every address starts with the same word,
 * every last name too): on PostgreSQL, with statistics gathered, the search looks up a rare part
 * of the term in the trigram index and checks the whole term on the rows found. The rows found
 * must be exactly those containing the whole term, on both databases.
 */
describe('admin search: terms with a trigram most rows have', () => {
  let t: TestApp;
  let asAdmin: () => { Authorization: string };
  const tag = `fq${Date.now().toString(36)}`;
  const idOf = (i: number) =>
    `0193aaaa-${tag.slice(-4).padStart(4, '0')}-7000-8000-${String(i).padStart(12, '0')}`;

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV });
    const admin = await signInAdmin(t.http);
    asAdmin = () => bearer(admin.accessToken);
    const start = Date.parse('2026-01-01T00:00:00Z');
    for (let i = 1; i <= COUNT; i += 1) {
      await sql(
        t.app,
        'insert into userkit_users (id, display_name, first_name, last_name, public_metadata, private_metadata, unsafe_metadata, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [
          idOf(i),
          `Member ${i}`,
          'Ada',
          `Family${tag}${i % 50}`,
          '{}',
          '{}',
          '{}',
          new Date(start + i * 1000),
          new Date(start),
        ],
      );
      const email = `member${tag}${i}@scale.example`;
      await sql(
        t.app,
        'insert into userkit_email_addresses (id, user_id, email, normalized_email, verified, "primary", created_at) values (?, ?, ?, ?, ?, ?, ?)',
        [idOf(i).replace('-8000-', '-9000-'), idOf(i), email, email, false, true, new Date(start)],
      );
    }
    // Statistics as autovacuum would gather them on a real table.
    await sql(t.app, 'analyze');
  });
  afterAll(async () => {
    await t.close();
  });

  async function found(query: string): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const params: Record<string, string> = { query, limit: '100' };
      if (cursor) params.cursor = cursor;
      const response = await t.http.get('/admin/users').query(params).set(asAdmin()).expect(200);
      ids.push(...response.body.data.map((user: { id: string }) => user.id));
      cursor = response.body.nextCursor;
    } while (cursor);
    return ids;
  }

  const expected = (test: (i: number) => boolean) =>
    Array.from({ length: COUNT }, (_, index) => index + 1)
      .filter(test)
      .map(idOf);

  it('finds exactly the addresses holding the whole term, in creation order', async () => {
    expect(await found(`member${tag}123`)).toEqual([idOf(123)]);
    expect(await found(`member${tag}12`)).toEqual(expected((i) => String(i).startsWith('12')));
    expect(await found(`MEMBER${tag.toUpperCase()}17`)).toEqual(
      expected((i) => String(i).startsWith('17')),
    );
    expect(await found(`ember${tag}19`)).toEqual(expected((i) => String(i).startsWith('19')));
    expect(await found(`member${tag}1999`)).toEqual([]);
  });

  it('finds exactly the names holding the whole term', async () => {
    expect(await found(`amily${tag}7`)).toEqual(expected((i) => String(i % 50).startsWith('7')));
    expect(await found(`family${tag}49`)).toEqual(expected((i) => i % 50 === 49));
    expect(await found(`Member 150`)).toEqual([idOf(150)]);
  });
});
