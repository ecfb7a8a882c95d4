import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GENERATOR = 'scripts/generate-client-types.js';
const GENERATED = 'libs/client/src/generated/api-types.ts';

function check(...file: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [GENERATOR, '--check', ...file], { encoding: 'utf8' });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe("the client's types are the library's DTOs", () => {
  it('api-types.ts matches what the DTOs generate today', () => {
    const result = check();
    expect(result.output).toContain('is up to date');
    expect(result.status).toBe(0);
  });

  it('notices drift: a copy with one changed property type fails the check', () => {
    const directory = mkdtempSync(join(tmpdir(), 'client-types-'));
    try {
      const stale = join(directory, 'api-types.ts');
      const text = readFileSync(GENERATED, 'utf8');
      expect(text).toContain('  email: string;');
      writeFileSync(stale, text.replace('  email: string;', '  email: number;'));
      const result = check(stale);
      expect(result.output).toContain('out of date');
      expect(result.status).toBe(1);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
