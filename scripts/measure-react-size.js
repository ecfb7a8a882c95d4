// The size a browser downloads for @userkit/react, @userkit/client included, React excluded (the
// host's own peer): each entry bundled from the build by esbuild (a dev dependency), minified,
// gzipped. Budgets of issue 20: hooks-only entry ≤ 10 kB gzip. Run after `npm run build`.
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { build } from 'esbuild';

const ENTRIES = [
  { name: 'hooks (@userkit/react)', file: 'dist/libs/react/index.js', budget: 10_000 },
];

let over = false;
for (const entry of ENTRIES) {
  const result = await build({
    entryPoints: [entry.file],
    bundle: true,
    write: false,
    format: 'esm',
    minify: true,
    target: ['es2022'],
    external: ['react', 'react-dom', 'react/jsx-runtime'],
    alias: { '@userkit/client': resolve('dist/libs/client/index.js') },
    legalComments: 'none',
    logLevel: 'warning',
  });
  const code = result.outputFiles[0].contents;
  const gzipped = gzipSync(code, { level: 9 }).length;
  const fits = gzipped <= entry.budget;
  over ||= !fits;
  console.log(
    `${entry.name}: minified ${code.length} bytes, gzipped ${gzipped} bytes ` +
      `(budget ${entry.budget}: ${fits ? 'within' : 'OVER'})`,
  );
}
process.exit(over ? 1 : 0);
