import type { FileStorage } from '../extension-points/file-storage.js';
import { defaultUploadDirectory } from '../files/private-upload-directory.js';

/** Options of `UserProfileImagesModule.forRoot()` / the factory of `forRootAsync()`. */
export interface UserProfileImagesOptions {
  /** Where profile images are stored; default a LocalDiskFileStorage in `directory`. */
  fileStorage?: FileStorage;
  /**
   * Directory of the default file storage, created with mode 0700 if missing; refused at start when
   * it is a symbolic link, another user's or writable by others. Default
   * `<os tmpdir>/userkit-uploads-<uid>`.
   */
  directory?: string;
}

/** The options after defaults and checks. */
export interface ResolvedProfileImagesOptions {
  /** The host's store, or null for the local disk in `directory`. */
  fileStorage: FileStorage | null;
  directory: string;
}

/** Thrown at start-up so a misconfigured host fails with a readable message. */
export class UserProfileImagesOptionsError extends Error {
  constructor(problems: string[]) {
    super(`Invalid UserProfileImagesModule options:\n - ${problems.join('\n - ')}`);
    this.name = 'UserProfileImagesOptionsError';
  }
}

/** Applies defaults and checks the options; throws one error listing all problems. */
export function resolveProfileImagesOptions(
  options: UserProfileImagesOptions = {},
): ResolvedProfileImagesOptions {
  const problems: string[] = [];
  const storage = options.fileStorage as unknown as Record<string, unknown> | undefined;
  if (
    storage !== undefined &&
    !['put', 'get', 'delete'].every((method) => typeof storage?.[method] === 'function')
  )
    problems.push('fileStorage must implement put, get and delete');
  if (
    options.directory !== undefined &&
    (typeof options.directory !== 'string' || options.directory === '')
  )
    problems.push('directory must be a non-empty path');
  if (problems.length > 0) throw new UserProfileImagesOptionsError(problems);
  return {
    fileStorage: options.fileStorage ?? null,
    directory: options.directory ?? defaultUploadDirectory(),
  };
}
