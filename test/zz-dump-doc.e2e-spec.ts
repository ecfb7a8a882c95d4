import { writeFileSync } from 'node:fs';
import request from 'supertest';
import { startTestApp } from './support/test-app.js';
it('dumps', async () => {
  const t = await startTestApp({ env: { GOOGLE_CLIENT_ID: 'x', GOOGLE_CLIENT_SECRET: 'y' } });
  const doc = (await request(t.app.getHttpServer()).get('/docs-json')).body;
  writeFileSync('/tmp/oa/doc.json', JSON.stringify(doc, null, 1));
  await t.close();
});
