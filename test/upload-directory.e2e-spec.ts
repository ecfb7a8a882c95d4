import { chmod, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp } from './support/test-app.js';
import { createTestDatabase } from './support/test-database.js';
import { bearer, signUp } from './support/users.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe('the default profile image directory', () => {
  it('is a private folder of this OS user (mode 0700), not the shared temp folder itself', async () => {
    const t = await startTestApp({ overrides: { profileImageDirectory: undefined } });
    try {
      const user = await signUp(t.http);
      const uploaded = await t.http
        .put('/me/profile-image')
        .set(bearer(user.accessToken))
        .attach('file', PNG, { filename: 'a.png', contentType: 'image/png' })
        .expect(200);
      const directory = join(tmpdir(), `userkit-uploads-${process.getuid!()}`);
      expect(await readdir(directory)).toContain(uploaded.body.id);
      const stats = await stat(directory);
      expect(stats.mode & 0o777).toBe(0o700);
      expect(stats.uid).toBe(process.getuid!());
    } finally {
      await t.close();
    }
  });

  it('a directory other users can write to is refused at start', async () => {
    const shared = await mkdtemp(join(tmpdir(), 'userkit-shared-'));
    await chmod(shared, 0o777);
    const database = await createTestDatabase();
    try {
      await expect(startTestApp({ database, env: { UPLOADS_DIR: shared } })).rejects.toThrow(
        /profile image directory .* is writable by other users/,
      );
    } finally {
      await database.drop();
      await rm(shared, { recursive: true, force: true });
    }
  });
});
