// Fails when a built package imports a package its package.json does not declare: every bare
// specifier of its .js and .d.ts files (static, dynamic, `export … from`, `import type`,
// `import("x").T`, `/// <reference types>`) must be a dependency, peer or optional dependency
// (node: builtins aside). Run after `npm run build`: node scripts/check-package-imports.js
import { readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import ts from 'typescript';

const PACKAGES = ['dist/libs/user', 'dist/libs/client', 'dist/libs/react'];
const builtins = new Set(builtinModules);

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
function packageNameOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function* builtFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') yield* builtFiles(path);
    } else if (/\.(m?js|d\.m?ts)$/.test(entry.name)) yield path;
  }
}

/** Every module specifier of a file, as TypeScript's own scanner finds them. */
function specifiersOf(text) {
  const info = ts.preProcessFile(text, true, true);
  return [
    ...info.importedFiles.map((file) => file.fileName),
    ...info.typeReferenceDirectives.map((reference) => reference.fileName),
  ];
}

let failures = 0;
for (const dir of PACKAGES) {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const declared = new Set(
    Object.keys({
      ...manifest.dependencies,
      ...manifest.peerDependencies,
      ...manifest.optionalDependencies,
    }),
  );
  const undeclared = new Map(); // package → files importing it
  for (const file of builtFiles(dir)) {
    for (const specifier of specifiersOf(readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('.') || specifier.startsWith('/')) continue;
      if (specifier.startsWith('node:') || builtins.has(specifier)) continue;
      const name = packageNameOf(specifier);
      if (declared.has(name) || name === manifest.name) continue;
      if (!undeclared.has(name)) undeclared.set(name, []);
      undeclared.get(name).push(relative(dir, file));
    }
  }
  for (const [name, files] of undeclared) {
    failures += 1;
    console.error(
      `${manifest.name}: imports "${name}", not declared in its package.json (${files.join(', ')})`,
    );
  }
  if (undeclared.size === 0) console.log(`${manifest.name}: every import is declared`);
}
if (failures > 0) process.exit(1);
