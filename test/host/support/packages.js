// Packs @userkit/user and @userkit/client from the build (`npm run build` ran first) into a
// temporary folder: the tarballs a host installs, under the names the README's commands use.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function packPackages() {
  for (const dir of ['dist/libs/user', 'dist/libs/client']) {
    if (!existsSync(join(dir, 'package.json')))
      throw new Error(`${dir} is not built: npm run build`);
  }
  const root = mkdtempSync(join(tmpdir(), 'userkit-host-packs-'));
  const packed = JSON.parse(
    execFileSync(
      'npm',
      ['pack', './dist/libs/user', './dist/libs/client', '--json', '--pack-destination', root],
      { env: npmEnvironment(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    ),
  );
  return { root, tarballs: packed.map((entry) => join(root, entry.filename)) };
}

/** The environment for a child npm: none of the calling `npm run`'s own npm_* settings. */
export function npmEnvironment() {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')),
  );
}
