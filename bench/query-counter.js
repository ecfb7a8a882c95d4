// Preloaded into the benchmarked app (node --import) by bench/sign-in-path.js: counts the
// statements the app sends to PostgreSQL (every pg Client.query: ORM statements, prepared ones,
// BEGIN/COMMIT alike; the ORM's debug log misses the prepared ones) and, on SIGWINCH, writes the
// count and the process's CPU time (all threads: the argon2 pool too) to QUERY_COUNTER_FILE.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// Every copy of pg the app may load: MikroORM's own (nested) and the project's.
const copies = new Set(
  ['node_modules/@mikro-orm/postgresql/package.json', 'package.json'].map((from) => {
    try {
      return createRequire(join(process.cwd(), from))('pg');
    } catch {
      return null;
    }
  }),
);
let queries = 0;
for (const pg of copies) {
  if (!pg) continue;
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function countedQuery(...args) {
    queries += 1;
    return query.apply(this, args);
  };
}
process.on('SIGWINCH', () => {
  const cpu = process.cpuUsage();
  writeFileSync(
    process.env.QUERY_COUNTER_FILE,
    JSON.stringify({ queries, cpuMs: (cpu.user + cpu.system) / 1000 }),
  );
});
