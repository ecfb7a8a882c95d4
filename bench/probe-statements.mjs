import { spawn } from 'node:child_process';
import { startThrowawayPostgres } from '../scripts/throwaway-postgres.js';
const pgdb = await startThrowawayPostgres();
const port = 4811;
const child = spawn(process.execPath, ['dist/apps/sample/apps/sample/src/main.js'], {
  env: { ...process.env, PORT: String(port), DATABASE_URL: pgdb.url, RATE_LIMIT: 'off', DATABASE_DEBUG: 'on', UI: 'off',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123' }, stdio: ['ignore', 'pipe', 'pipe'] });
let log = '';
child.stdout.on('data', (c) => (log += c)); child.stderr.on('data', (c) => (log += c));
const base = `http://127.0.0.1:${port}`;
for (;;) { try { await fetch(base + '/health'); break; } catch { await new Promise((r) => setTimeout(r, 200)); } }
const post = (p, b) => fetch(base + p, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) });
await post('/auth/signup', { email: 'warm@example.com', password: 'bench-passphrase-for-all-7' });
await post('/auth/login', { email: 'warm@example.com', password: 'bench-passphrase-for-all-7' });
log = ''; console.log('==== SIGNUP'); let r = await post('/auth/signup', { email: 'a1@example.com', password: 'bench-passphrase-for-all-7' });
console.log(r.status); console.log(log.split('\n').filter((l) => l.includes('[query]')).join('\n'));
log = ''; console.log('==== LOGIN'); r = await post('/auth/login', { email: 'a1@example.com', password: 'bench-passphrase-for-all-7' });
console.log(r.status); console.log(log.split('\n').filter((l) => l.includes('[query]')).join('\n'));
child.kill(); await pgdb.stop();
