import { createUserKitClient, type User, type UserKitClient } from '@userkit/client';
import { useEffect, useState } from 'preact/hooks';
import { config } from './config.js';

/** @userkit/client in cookie mode: tokens in memory, the refresh token in the httpOnly cookie. */
export const client: UserKitClient = createUserKitClient({
  baseUrl: config.apiBaseUrl,
  session: 'cookie',
  sessionUrl: `${config.basePath}/session`,
});

let restored = false;
const restoring: Promise<unknown> = client
  .restore()
  .catch(() => null)
  .finally(() => {
    restored = true;
  });

/** The user once known; undefined only while the first restore runs and nobody signed in. */
function current(): User | null | undefined {
  return client.user ?? (restored ? null : undefined);
}

/** The signed-in user; undefined while the session is being restored after a page load. */
export function useUser(): User | null | undefined {
  const [user, setUser] = useState<User | null | undefined>(current);
  const [, setVersion] = useState(0);
  useEffect(() => {
    const off = client.onChange((next) => {
      setUser(next);
      // The same User object changes in place (reload): render again anyway.
      setVersion((version) => version + 1);
    });
    // The session may have arrived between the first render and now: catch up, then follow.
    setUser(current());
    void restoring.then(() => setUser(current()));
    return off;
  }, []);
  return user;
}
