import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileStorage, StoredFile } from '../extension-points/file-storage.js';
import { contentTypeOfImageId } from './image-type.js';

/**
 * The default FileStorage: one file per id in a local directory. Fine for one instance or a
 * shared volume; several instances without one need a shared store (see FileStorage).
 */
export class LocalDiskFileStorage implements FileStorage {
  constructor(private readonly directory: string) {}

  async put(id: string, data: Uint8Array): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    await writeFile(this.pathOf(id), data, { mode: 0o600 });
  }

  async get(id: string): Promise<StoredFile | null> {
    const contentType = contentTypeOfImageId(id);
    if (!contentType) return null;
    try {
      return { data: await readFile(this.pathOf(id)), contentType };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(id: string): Promise<void> {
    await rm(this.pathOf(id), { force: true });
  }

  /** Only ids the library made reach the disk, so no path can leave the directory. */
  private pathOf(id: string): string {
    if (!contentTypeOfImageId(id)) throw new Error(`Not a stored image id: ${id}`);
    return join(this.directory, id);
  }
}
