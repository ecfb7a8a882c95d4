// Bundles apps/react-example (React + @userkit/react, TSX) with esbuild into
// dist/apps/react-example, which the built sample app serves at /react-example. The packages come
// from their builds (dist/libs/react, dist/libs/client), as a host's bundler would take them.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';

const outdir = 'dist/apps/react-example';
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

await build({
  entryPoints: { app: 'apps/react-example/src/main.tsx' },
  outdir,
  bundle: true,
  format: 'esm',
  minify: true,
  target: ['es2022'],
  jsx: 'automatic',
  alias: {
    '@userkit/react': resolve('dist/libs/react/index.js'),
    '@userkit/client': resolve('dist/libs/client/index.js'),
  },
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
  logLevel: 'warning',
});
copyFileSync('apps/react-example/src/index.html', `${outdir}/index.html`);
copyFileSync('apps/react-example/src/styles.css', `${outdir}/styles.css`);
console.log(`React example built into ${outdir}`);
