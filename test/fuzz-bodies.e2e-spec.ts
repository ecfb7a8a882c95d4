import fc from 'fast-check';
import { startTestApp, type TestApp } from './support/test-app.js';
import { bearer, signUp } from './support/users.js';

interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Every route the app documents (so routes added later are fuzzed too), minus the docs UI. */
async function documentedOperations(t: TestApp): Promise<Operation[]> {
  const document = (await t.http.get('/docs-json').expect(200)).body as {
    paths: Record<string, Record<string, unknown>>;
  };
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({ method, path })),
  );
}

const idLike = fc.oneof(
  fc.uuid(),
  fc.string({ maxLength: 40 }).map((text) => encodeURIComponent(text) || 'x'),
  fc.constantFrom('0', '-1', '%00', '..', 'null', 'undefined', '__proto__', 'a'.repeat(300)),
);

const jsonBody = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.dictionary(
    fc.constantFrom(
      'email',
      'password',
      'refreshToken',
      'code',
      'displayName',
      'unsafeMetadata',
      'roles',
      'query',
      'name',
      'provider',
      'redirectUrl',
      '__proto__',
      'constructor',
    ),
    fc.jsonValue({ maxDepth: 3 }),
  ),
);

describe('random JSON bodies against every documented route', () => {
  let t: TestApp;
  let token: string;
  let operations: Operation[];

  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT: 'off' } });
    token = (await signUp(t.http)).accessToken;
    operations = await documentedOperations(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('documents the routes it fuzzes', () => {
    expect(operations.length).toBeGreaterThanOrEqual(8);
  });

  it('never answers 5xx, signed in or not', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...operations),
        idLike,
        jsonBody,
        fc.boolean(),
        fc.constantFrom('', '?limit=abc&limit=2', '?cursor=%ZZ', '?query[]=1'),
        async (operation, id, body, signedIn, query) => {
          const path = operation.path.replace(/\{[^}]+\}/g, id) + query;
          let request = t.http[operation.method](path);
          if (signedIn) request = request.set(bearer(token));
          const response =
            operation.method === 'get'
              ? await request
              : await request.set('Content-Type', 'application/json').send(JSON.stringify(body));
          if (response.status >= 500) {
            throw new Error(
              `${operation.method.toUpperCase()} ${path} ${JSON.stringify(body)} → ${response.status} ${JSON.stringify(response.body)}`,
            );
          }
          if (response.status >= 400)
            expect(response.body).toHaveProperty('statusCode', response.status);
        },
      ),
      { numRuns: 400 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
