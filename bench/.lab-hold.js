// temporary (not committed): a PostgreSQL with BENCH_USERS seeded users, held until killed
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import pg from 'pg';
import { startThrowawayPostgres } from '../scripts/throwaway-postgres.js';
import { seedUsers } from './admin-search.js';
const USERS = Number(process.env.BENCH_USERS ?? 1_000_000);
const postgres = await startThrowawayPostgres();
const admin = new pg.Client({ connectionString: postgres.url });
await admin.connect();
await admin.query('create database userkit_search');
await admin.end();
const url = postgres.url.replace(/\/postgres$/, '/userkit_search');
const child = spawn(process.execPath, [process.env.LAB_APP ?? 'dist/before-sample/apps/sample/src/main.js'], {
  env: { ...process.env, PORT: '39111', DATABASE_URL: url, RATE_LIMIT: 'off', JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123', ADMIN_EMAIL: 'admin@bench.example', ADMIN_PASSWORD: 'bench-passphrase-for-all-7' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
for (;;) { try { if ((await fetch('http://127.0.0.1:39111/health/ready')).status < 500) break; } catch {} await new Promise(r => setTimeout(r, 100)); }
child.kill('SIGTERM');
const t = performance.now();
await seedUsers(url, USERS, console.log);
console.log('seed total s', Math.round((performance.now() - t) / 1000));
writeFileSync('/tmp/search-lab/url', url);
console.log('READY', url);
process.on('SIGTERM', async () => { await postgres.stop(); process.exit(0); });
setInterval(() => {}, 1 << 30);
