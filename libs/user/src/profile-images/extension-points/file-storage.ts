/** Bytes a FileStorage hands back, with the content type they were stored under. */
export interface StoredFile {
  data: Uint8Array;
  contentType: string;
}

/**
 * Where uploaded files (profile images) live. The default writes to a local directory (the
 * `directory` option of UserProfileImagesModule); a host with several instances gives a shared
 * store (S3, a database, ...) as its `fileStorage` option (built by its own DI through
 * `forRootAsync`). The token injects the store in use; providing it elsewhere replaces nothing.
 */
export interface FileStorage {
  /** Stores the bytes under `id` (chosen by the library: a UUID v7 plus an extension). */
  put(id: string, data: Uint8Array, contentType: string): Promise<void>;
  /** The file, or null when there is none under `id`. */
  get(id: string): Promise<StoredFile | null>;
  /** Removes the file; no error when it is already gone. */
  delete(id: string): Promise<void>;
  /**
   * The public URL of the file when the store serves it itself (e.g. a CDN). Without it the
   * library serves the file at `GET /profile-images/:id`.
   */
  urlOf?(id: string): string;
}

export const FileStorage = Symbol('FileStorage');
