import { generateKeyPairSync } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { conformingHttp, type Http } from './http.js';
import { OpenApiConformance } from './openapi-conformance.js';
import { createApp } from '../../apps/sample/src/create-app.js';
import type { SampleOverrides } from '../../apps/sample/src/feature-modules.js';
import { readSampleConfig } from '../../apps/sample/src/sample-config.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestApp {
  app: INestApplication;
  http: Http;
  database: TestDatabase;
  /** Closes the app; keeps the database when `keepDatabase` (restart tests). */
  close(options?: { keepDatabase?: boolean }): Promise<void>;
}

export interface TestAppOptions {
  /** Sample app environment variables on top of the test defaults. */
  env?: Record<string, string>;
  /**
   * Options of UserModule and the feature modules on top of what the environment gives (e.g. a
   * host's PasswordHasher, OAuth providers), flat: each module takes its own keys.
   */
  overrides?: SampleOverrides;
  /** Reuse a database (e.g. to restart the app on the same data). */
  database?: TestDatabase;
  /** Shapes the app before it starts, as a host's main.ts would (e.g. `app.setGlobalPrefix`). */
  beforeInit?: (app: NestExpressApplication) => void;
}

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-0123456789abcdef';

/** TOKEN_SIGNING_KEY of the test apps: set, so no app writes a development key into ./data/. */
export const TEST_TOKEN_SIGNING_KEY = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .privateKey.export({ format: 'pem', type: 'pkcs8' })
  .toString();

/** The real sample app (same module, same bootstrap as `npm start`) on a fresh database. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const config = readSampleConfig({
    JWT_SECRET: TEST_JWT_SECRET,
    DATABASE_URL: database.url,
    PUBLIC_URL: 'http://127.0.0.1:3000',
    RATE_LIMIT: 'off',
    TOKEN_SIGNING_KEY: TEST_TOKEN_SIGNING_KEY,
    ...options.env,
  });
  const app = await createApp(config, options.overrides, options.beforeInit);
  const server = app.getHttpServer();
  const document = (await request(server).get('/docs-json').expect(200)).body;
  return {
    app,
    http: conformingHttp(server, new OpenApiConformance(document)),
    database,
    async close({ keepDatabase = false } = {}) {
      await app.close();
      if (!keepDatabase) await database.drop();
    },
  };
}
