// Bundles the prebuilt pages (libs/ui, Preact + TSX) into dist/libs/user/pages/public, inside the
// @userkit/user package: served by the module itself, no CDN or download at run time.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const outdir = 'dist/libs/user/pages/public';
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

await build({
  entryPoints: { app: 'libs/ui/src/main.tsx' },
  outdir,
  bundle: true,
  format: 'esm',
  minify: true,
  sourcemap: false,
  target: ['es2022'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  tsconfig: 'libs/ui/tsconfig.json',
  legalComments: 'none',
  logLevel: 'warning',
});
copyFileSync('libs/ui/src/index.html', `${outdir}/index.html`);
console.log(`UI built into ${outdir}`);
