/**
 * Where the client keeps the refresh token between page loads. Memory by default (signed out on
 * reload); `webStorage(localStorage)` or any get/set/remove store (async ones too) persists it.
 */
export interface TokenStorage {
  get(key: string): string | null | undefined | Promise<string | null | undefined>;
  set(key: string, value: string): void | Promise<void>;
  remove(key: string): void | Promise<void>;
}

/** The default: gone when the page or process ends. */
export function memoryStorage(): TokenStorage {
  const values = new Map<string, string>();
  return {
    get: (key) => values.get(key) ?? null,
    set: (key, value) => void values.set(key, value),
    remove: (key) => void values.delete(key),
  };
}

/** The subset of the Web Storage API (localStorage, sessionStorage) the adapter needs. */
export interface WebStorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** `createUserKitClient({ storage: webStorage(localStorage) })`. */
export function webStorage(store: WebStorageLike): TokenStorage {
  return {
    get: (key) => store.getItem(key),
    set: (key, value) => store.setItem(key, value),
    remove: (key) => store.removeItem(key),
  };
}
