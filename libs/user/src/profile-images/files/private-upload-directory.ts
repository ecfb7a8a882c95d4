import { lstat, mkdir } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/** The default of `directory`: this OS user's own folder in the temp directory. */
export function defaultUploadDirectory(): string {
  return join(tmpdir(), `userkit-uploads-${process.getuid?.() ?? userInfo().username}`);
}

/**
 * Creates the upload directory (mode 0700) if it is missing, and refuses one that another user
 * could have planted in a shared folder: a symbolic link, another owner, or writable by others.
 */
export async function ensureUploadDirectory(directory: string): Promise<string> {
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const stats = await lstat(directory);
  const problem = !stats.isDirectory()
    ? 'is not a directory (a symbolic link is refused)'
    : process.getuid && stats.uid !== process.getuid()
      ? 'belongs to another user'
      : stats.mode & 0o022
        ? 'is writable by other users'
        : null;
  if (problem)
    throw new Error(`UserProfileImagesModule: the profile image directory ${directory} ${problem}`);
  return directory;
}
