// What a host's install put where: a package found at any depth of its node_modules tree.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** `@scope/name@^1.2.3` → `@scope/name`. */
export function packageName(spec) {
  return spec.startsWith('@') ? `@${spec.slice(1).split('@')[0]}` : spec.split('@')[0];
}

/** Every path at which `name` is installed under `dir` (nested installs included). */
export function installedPaths(dir, name) {
  const found = [];
  const visit = (modules) => {
    if (!existsSync(modules)) return;
    if (existsSync(join(modules, name, 'package.json'))) found.push(join(modules, name));
    for (const entry of readdirSync(modules, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      const packages = entry.name.startsWith('@')
        ? readdirSync(join(modules, entry.name)).map((inner) => join(modules, entry.name, inner))
        : [join(modules, entry.name)];
      for (const pkg of packages) visit(join(pkg, 'node_modules'));
    }
  };
  visit(join(dir, 'node_modules'));
  return found;
}
