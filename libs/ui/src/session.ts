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

/** The signed-in user; undefined while the session is being restored after a page load. */
export function useUser(): User | null | undefined {
  const [user, setUser] = useState<User | null | undefined>(restored ? client.user : undefined);
  const [, setVersion] = useState(0);
  useEffect(() => {
    const off = client.onChange((next) => {
      setUser(next);
      // The same User object changes in place (reload): render again anyway.
      setVersion((version) => version + 1);
    });
    // Also when the restore ended between the first render and this effect (its news was lost).
    void restoring.then(() => setUser(client.user));
    return off;
  }, []);
  return user;
}
