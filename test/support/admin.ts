import type { Http } from './http.js';
import { bearer, signUp } from './users.js';

export const ADMIN_ENV = {
  ADMIN_EMAIL: 'root.admin@example.com',
  ADMIN_PASSWORD: 'root-admin-passphrase-5',
};

/** Signs in the admin that ADMIN_EMAIL/ADMIN_PASSWORD made at start; returns its access token. */
export async function signInAdmin(
  http: Http,
): Promise<{ accessToken: string; refreshToken: string; id: string }> {
  const response = await http
    .post('/auth/login')
    .send({ email: ADMIN_ENV.ADMIN_EMAIL, password: ADMIN_ENV.ADMIN_PASSWORD });
  if (response.status !== 200)
    throw new Error(`admin sign-in failed: ${response.status} ${JSON.stringify(response.body)}`);
  return {
    accessToken: response.body.accessToken,
    refreshToken: response.body.refreshToken,
    id: response.body.user.id,
  };
}

/**
 * Calls an admin route signed out and as a freshly signed-up member: 401 and then 403 (Nest's
 * Forbidden shape) expected. `body` is sent when not null.
 */
export async function expectAdminOnly(
  http: Http,
  method: string,
  path: string,
  body: object | null,
): Promise<void> {
  const member = await signUp(http);
  const call = (headers: Record<string, string>) => {
    const client = http as unknown as Record<string, (p: string) => any>;
    const request = client[method](path).set(headers);
    return body ? request.send(body) : request;
  };
  const signedOut = await call({});
  expect(signedOut.status).toBe(401);
  const asUser = await call(bearer(member.accessToken));
  expect(asUser.status).toBe(403);
  expect(asUser.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
}
