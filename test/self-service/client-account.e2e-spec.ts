// @userkit/client's exportData() and deleteAccount() through real HTTP (fetch) on a listening app.
import { createUserKitClient, type User } from '@userkit/client';
import {
  rejectionOf,
  startListeningTestApp,
  type ListeningTestApp,
} from '../support/client-app.js';
import { sql } from '../support/database-access.js';
import { GOOD_PASSWORD, uniqueEmail } from '../support/users.js';

describe('@userkit/client: exportData() and deleteAccount()', () => {
  let t: ListeningTestApp;
  beforeAll(async () => {
    t = await startListeningTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  async function signedUpClient() {
    const client = createUserKitClient({ baseUrl: t.baseUrl });
    const email = uniqueEmail('sdk-account');
    const user = await client.signUp({ email, password: GOOD_PASSWORD, firstName: 'Ada' });
    return { client, email, user };
  }

  it('exportData() answers the whole export: the user, the sessions and the sections', async () => {
    const { email, user } = await signedUpClient();
    const laptop = createUserKitClient({ baseUrl: t.baseUrl });
    await laptop.signIn({ email, password: GOOD_PASSWORD });
    const exported = await user.exportData();
    expect(exported.user).toMatchObject({ id: user.id, firstName: 'Ada' });
    expect(exported.sessions).toEqual([
      expect.objectContaining({ status: 'active' }),
      expect.objectContaining({ status: 'active' }),
    ]);
    expect(exported.sections.securityActivity).toEqual([
      expect.objectContaining({ type: 'sign_in.succeeded', currentSession: false }),
    ]);
  });

  // This app has no admin at all: a user may still go (no "last admin" to keep).
  it('deleteAccount() deletes the user and signs the client out; the password no longer signs in', async () => {
    const { client, email, user } = await signedUpClient();
    const seen: Array<User | null> = [];
    client.onChange((current) => seen.push(current));
    await user.deleteAccount();
    expect(client.user).toBeNull();
    expect(client.isSignedIn).toBe(false);
    expect(seen).toEqual([null]);
    expect(await sql(t.app, 'select id from userkit_users where id = ?', [user.id])).toEqual([]);
    const refused = await rejectionOf(client.signIn({ email, password: GOOD_PASSWORD }));
    expect(refused.status).toBe(401);
  });

  it('deleteAccount() after an old sign-in rejects with REAUTHENTICATION_REQUIRED and stays signed in', async () => {
    const { client, user } = await signedUpClient();
    await sql(t.app, 'update userkit_sessions set authenticated_at = ? where user_id = ?', [
      new Date(Date.now() - 2 * 60 * 60 * 1000),
      user.id,
    ]);
    const refused = await rejectionOf(user.deleteAccount());
    expect([refused.status, refused.code]).toEqual([403, 'REAUTHENTICATION_REQUIRED']);
    expect(client.user?.id).toBe(user.id);
    await user.reload();
  });
});
