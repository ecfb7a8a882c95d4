import type { AddressInfo } from 'node:net';
import { UserKitError } from '@userkit/client';
import { startTestApp, type TestApp, type TestAppOptions } from './test-app.js';

export interface ListeningTestApp extends TestApp {
  /** `http://127.0.0.1:<port>`: where the SDK's real fetch reaches the app. */
  baseUrl: string;
}

/** The sample app listening on a free loopback port, for clients that speak real HTTP (fetch). */
export async function startListeningTestApp(
  options: TestAppOptions & { port?: number } = {},
): Promise<ListeningTestApp> {
  const t = await startTestApp(options);
  await t.app.listen(options.port ?? 0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return { ...t, baseUrl: `http://127.0.0.1:${port}` };
}

/** A fetch that records each request's method and path, then lets the platform fetch send it. */
export function recordingFetch(): { fetch: typeof fetch; calls: string[] } {
  const calls: string[] = [];
  const record: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    calls.push(`${init?.method ?? 'GET'} ${url.pathname}`);
    return fetch(input, init);
  };
  return { fetch: record, calls };
}

/** A Web Storage stand-in (the shape of localStorage) that tests can look into. */
export class MapWebStorage {
  readonly values = new Map<string, string>();
  getItem(key: string): string | null {
    return this.values.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.values.set(key, value);
  }
  removeItem(key: string): void {
    this.values.delete(key);
  }
}

/** The UserKitError a client call rejects with, for checking its fields (fails if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<UserKitError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a UserKitError, but the call succeeded');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserKitError);
  return error as UserKitError;
}
