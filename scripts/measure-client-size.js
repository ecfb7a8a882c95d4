// The size a browser downloads for @userkit/client: every module of its build minified with swc
// (already a dev dependency) and summed, raw and gzipped. No bundler is installed here; the
// modules have no imports beyond each other, so the sum is what a bundle of all of them weighs
// (a bundler would only add a few bytes of glue and could drop unused exports).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import swc from '@swc/core';

const root = 'dist/libs/client';
const files = readdirSync(root, { recursive: true }).filter((file) => String(file).endsWith('.js'));
let raw = 0;
let concatenated = '';
for (const file of files) {
  const source = readFileSync(join(root, String(file)), 'utf8');
  const { code } = swc.minifySync(source, { compress: true, mangle: true, module: true });
  raw += Buffer.byteLength(code);
  concatenated += code;
}
const gzipped = gzipSync(concatenated, { level: 9 }).length;
console.log(`${files.length} modules, minified ${raw} bytes, gzipped together ${gzipped} bytes`);
