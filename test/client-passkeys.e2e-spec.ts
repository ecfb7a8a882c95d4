import { createUserKitClient, type PasskeyAuthenticator } from '@userkit/client';
import { rejectionOf, startListeningTestApp, type ListeningTestApp } from './support/client-app.js';
import { GOOD_PASSWORD, uniqueEmail } from './support/users.js';
import { SoftwareAuthenticator } from './support/webauthn-authenticator.js';

/** The test apps' PUBLIC_URL: the origin a browser on the app's pages would sign. */
const ORIGIN = 'http://127.0.0.1:3000';

/** The client's PasskeyAuthenticator over the software authenticator (a browser's part). */
function softwarePasskeys(authenticator: SoftwareAuthenticator): PasskeyAuthenticator {
  return {
    create: async (options) => authenticator.register(options),
    get: async (options) => authenticator.assert(options),
  };
}

describe('@userkit/client: passkeys', () => {
  let t: ListeningTestApp;
  beforeAll(async () => {
    t = await startListeningTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('createPasskey, getPasskeys, updatePasskey, signInWithPasskey, deletePasskey', async () => {
    const authenticator = new SoftwareAuthenticator(ORIGIN);
    const client = createUserKitClient({
      baseUrl: t.baseUrl,
      passkeys: softwarePasskeys(authenticator),
    });
    const email = uniqueEmail('client-passkey');
    await client.signUp({ email, password: GOOD_PASSWORD });
    const created = await client.user!.createPasskey({ name: 'Laptop' });
    expect(created).toMatchObject({ name: 'Laptop', lastUsedAt: null });
    const renamed = await client.user!.updatePasskey(created.id, { name: 'Desk' });
    expect(renamed.name).toBe('Desk');
    await client.signOut();

    const user = await client.signInWithPasskey();
    expect(user.emailAddresses.map((address) => address.email)).toEqual([email]);
    const [listed] = await client.user!.getPasskeys();
    expect(listed).toMatchObject({ id: created.id, name: 'Desk', lastUsedAt: expect.any(String) });
    await client.signOut();
    await client.signInWithPasskey({ email });
    await client.user!.deletePasskey(created.id);
    expect(await client.user!.getPasskeys()).toEqual([]);
    await client.signOut();

    const refused = await rejectionOf(client.signInWithPasskey());
    expect(refused).toMatchObject({ status: 401, code: 'PASSKEY_SIGN_IN_FAILED' });
    expect(client.user).toBeNull();
  });

  it('without WebAuthn in the platform (Node), the default authenticator says so', async () => {
    const client = createUserKitClient({ baseUrl: t.baseUrl });
    const refused = await rejectionOf(client.signInWithPasskey());
    expect(refused.code).toBe('PASSKEYS_UNSUPPORTED');
  });
});
