import { createUserKitClient, UserKitError } from '@userkit/client';
import { signInAdmin, ADMIN_ENV } from './support/admin.js';
import { startListeningTestApp, type ListeningTestApp } from './support/client-app.js';
import { bearer, GOOD_PASSWORD, uniqueEmail } from './support/users.js';

/** The client's side of required attributes: what a sign-up form asks, and the sign-up itself. */
describe('@userkit/client: the attributes sign-up asks for', () => {
  let t: ListeningTestApp;
  beforeAll(async () => {
    t = await startListeningTestApp({ env: ADMIN_ENV });
    const admin = await signInAdmin(t.http);
    await t.http
      .post('/admin/attributes')
      .set(bearer(admin.accessToken))
      .send({
        name: 'home_team',
        type: 'enum',
        label: 'Home team',
        validation: { enum: ['north', 'south'], required: true },
        access: { endUser: 'editable' },
        fillMissingWith: 'north',
      })
      .expect(201);
  });
  afterAll(async () => {
    await t.close();
  });

  it('getSignUpAttributes() lists it with its label and rules; signUp needs it', async () => {
    const client = createUserKitClient({ baseUrl: t.baseUrl });
    const schema = await client.getSignUpAttributes();
    expect(schema.custom).toEqual([
      {
        name: 'home_team',
        label: 'Home team',
        kind: 'custom',
        type: 'enum',
        validation: { enum: ['north', 'south'], required: true },
        access: 'editable',
      },
    ]);
    expect(schema.standard).toContainEqual({
      name: 'name',
      label: 'Name',
      kind: 'standard',
      access: 'editable',
    });

    const refused = await client
      .signUp({ email: uniqueEmail('sdk'), password: GOOD_PASSWORD })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(refused).toBeInstanceOf(UserKitError);
    expect(refused).toMatchObject({ status: 400, code: 'ATTRIBUTE_INVALID' });
    expect(client.isSignedIn).toBe(false);

    const user = await client.signUp({
      email: uniqueEmail('sdk'),
      password: GOOD_PASSWORD,
      customAttributes: { home_team: 'south' },
    });
    await user.reload();
    expect(user.customAttributes).toEqual({ home_team: 'south' });
  });
});
