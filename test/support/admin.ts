import type { Http } from './http.js';

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
