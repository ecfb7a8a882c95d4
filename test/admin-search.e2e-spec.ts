import { ADMIN_ENV, signInAdmin } from './support/admin.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { bearer } from './support/users.js';

interface ListedUser {
  id: string;
  primaryEmail: string | null;
  displayName: string | null;
}

describe('admin users search and paging', () => {
  let t: TestApp;
  let asAdmin: () => { Authorization: string };
  // A per-run tag keeps every expectation to the users this suite made.
  const tag = `s${Date.now().toString(36)}`;

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV });
    const admin = await signInAdmin(t.http);
    asAdmin = () => bearer(admin.accessToken);
  });
  afterAll(async () => {
    await t.close();
  });

  async function createUser(fields: Record<string, unknown>): Promise<ListedUser> {
    const response = await t.http.post('/admin/users').set(asAdmin()).send(fields);
    if (response.status !== 201)
      throw new Error(`create failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as ListedUser;
  }

  async function search(params: Record<string, string>): Promise<ListedUser[]> {
    const response = await t.http.get('/admin/users').query(params).set(asAdmin()).expect(200);
    return response.body.data as ListedUser[];
  }

  const ids = (users: ListedUser[]) => users.map((user) => user.id).sort();

  it('matches an email by prefix and by a part inside it, case-insensitively', async () => {
    const ada = await createUser({ email: `${tag}.ada.king@lovelace.example` });
    const grace = await createUser({ email: `${tag}.grace@hopper.example` });
    expect(ids(await search({ query: `${tag}.ada` }))).toEqual([ada.id]);
    expect(ids(await search({ query: `${tag.toUpperCase()}.ADA` }))).toEqual([ada.id]);
    expect(ids(await search({ query: `${tag}.` }))).toEqual(ids([ada, grace]));
    expect(ids(await search({ query: 'hopper.example' }))).toEqual([grace.id]);
  });

  it('matches display, first and last names and the exact id', async () => {
    const named = await createUser({
      email: `${tag}.n1@example.com`,
      displayName: `Countess ${tag}`,
    });
    const first = await createUser({ email: `${tag}.n2@example.com` });
    await t.http
      .patch(`/admin/users/${first.id}`)
      .set(asAdmin())
      .send({ firstName: `Firstname${tag}`, lastName: `Lastname${tag}` })
      .expect(200);
    expect(ids(await search({ query: `countess ${tag}` }))).toEqual([named.id]);
    expect(ids(await search({ query: `firstname${tag}` }))).toEqual([first.id]);
    expect(ids(await search({ query: `LASTNAME${tag}` }))).toEqual([first.id]);
    expect(ids(await search({ query: named.id }))).toEqual([named.id]);
  });

  it('filters by role, alone and with a query; an unknown role is a 400', async () => {
    await t.http
      .post('/admin/roles')
      .set(asAdmin())
      .send({ name: `auditor-${tag}` })
      .expect(201);
    const auditor = await createUser({
      email: `${tag}.auditor@example.com`,
      roles: [`auditor-${tag}`],
    });
    const both = await createUser({
      email: `${tag}.both@example.com`,
      roles: ['user', `auditor-${tag}`],
    });
    await createUser({ email: `${tag}.plain@example.com` });
    expect(ids(await search({ role: `auditor-${tag}` }))).toEqual(ids([auditor, both]));
    expect(ids(await search({ role: `auditor-${tag}`, query: `${tag}.both` }))).toEqual([both.id]);
    const admins = await search({ role: 'admin' });
    expect(admins.map((user) => user.primaryEmail)).toEqual([ADMIN_ENV.ADMIN_EMAIL]);

    const unknown = await t.http
      .get('/admin/users')
      .query({ role: 'no-such-role' })
      .set(asAdmin())
      .expect(400);
    expect(unknown.body.message).toMatch(/no-such-role/);
  });

  it('searches %, _ and quotes literally', async () => {
    const percent = await createUser({
      email: `${tag}.p1@example.com`,
      displayName: `${tag}50%off`,
    });
    await createUser({ email: `${tag}.p2@example.com`, displayName: `${tag}50Xoff` });
    const underscore = await createUser({
      email: `${tag}.u1@example.com`,
      displayName: `${tag}und_r`,
    });
    await createUser({ email: `${tag}.u2@example.com`, displayName: `${tag}undXr` });
    const quoted = await createUser({
      email: `${tag}.q1@example.com`,
      displayName: `O'Brien "${tag}"`,
    });

    expect(ids(await search({ query: `${tag}50%` }))).toEqual([percent.id]);
    expect(ids(await search({ query: `${tag}und_r` }))).toEqual([underscore.id]);
    expect(ids(await search({ query: `O'Brien "${tag}` }))).toEqual([quoted.id]);
    expect(await search({ query: `%${tag}%_` })).toEqual([]);
    expect(await search({ query: `\\${tag}` })).toEqual([]);
  });

  it('pages through 250 users with limit 100: each exactly once, no cursor at the end', async () => {
    const created: string[] = [];
    for (let batch = 0; batch < 25; batch += 1) {
      const users = await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          createUser({
            email: `${tag}.page.${batch * 10 + index}@example.com`,
            displayName: `pager ${tag}`,
          }),
        ),
      );
      created.push(...users.map((user) => user.id));
    }

    const seen: string[] = [];
    const pageSizes: number[] = [];
    let cursor: string | null = null;
    do {
      const params: Record<string, string> = { query: `pager ${tag}`, limit: '100' };
      if (cursor) params.cursor = cursor;
      const response = await t.http.get('/admin/users').query(params).set(asAdmin()).expect(200);
      pageSizes.push(response.body.data.length);
      seen.push(...response.body.data.map((user: ListedUser) => user.id));
      cursor = response.body.nextCursor;
    } while (cursor);

    expect(pageSizes).toEqual([100, 100, 50]);
    expect(new Set(seen).size).toBe(250);
    expect([...seen].sort()).toEqual([...created].sort());

    // Without a limit, a page holds 20.
    const first = await t.http
      .get('/admin/users')
      .query({ query: `pager ${tag}` })
      .set(asAdmin())
      .expect(200);
    expect(first.body.data).toHaveLength(20);
    expect(first.body.data.map((user: ListedUser) => user.id)).toEqual(seen.slice(0, 20));
  });

  it.each([
    ['limit above 100', '?limit=101', /limit/],
    ['limit zero', '?limit=0', /limit/],
    ['limit not a number', '?limit=ten', /limit/],
    ['limit repeated', '?limit=5&limit=6', /limit/],
    ['query repeated', '?query=a&query=b', /query/],
    ['a cursor that is not ours', '?cursor=bm90LWEtY3Vyc29y', /cursor/i],
    ['an unknown parameter', '?offset=100', /offset/],
  ])('answers 400 for %s', async (_name, search, message) => {
    const response = await t.http.get(`/admin/users${search}`).set(asAdmin()).expect(400);
    expect(response.body.statusCode).toBe(400);
    expect(JSON.stringify(response.body.message)).toMatch(message);
  });
});
