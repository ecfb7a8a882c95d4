// @userkit/client with the identifiers of issue 21: a username at sign-up, in `user` and in
// `update()`, sign-in with it; sign-in by SMS code (sendPhoneCode, signInWithPhoneCode), with the
// second factor when it is on; and the verification code sign-up sends.
import { createUserKitClient, UserKitError, type UserKitClient } from '@userkit/client';
import { CapturingMessageSender } from './support/captured-messages.js';
import { startListeningTestApp, type ListeningTestApp } from './support/client-app.js';
import { awayFromStepEdge, codeAt } from './support/totp.js';
import { GOOD_PASSWORD, uniqueEmail } from './support/users.js';

let counter = 0;
function uniqueUsername(): string {
  counter += 1;
  return `client_${Date.now().toString(36)}.${counter}`;
}
function uniquePhone(): string {
  counter += 1;
  return `+1201555${String(5000 + counter).padStart(4, '0')}`;
}

describe('@userkit/client: usernames and phone sign-in', () => {
  let t: ListeningTestApp;
  const inbox = new CapturingMessageSender();
  const newClient = (): UserKitClient => createUserKitClient({ baseUrl: t.baseUrl });
  beforeAll(async () => {
    t = await startListeningTestApp({
      overrides: {
        messageSender: inbox,
        identifiers: { email: 'required', username: 'optional', phone: 'optional' },
      },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  /** The next sign-in code to this number (sent after the answer). */
  async function signInCode(phoneNumber: string, before: number): Promise<string> {
    const codes = () =>
      inbox.messages.filter(
        (message) =>
          message.kind === 'phoneCode' &&
          message.phoneNumber === phoneNumber &&
          message.purpose === 'sign_in',
      );
    const deadline = Date.now() + 5000;
    while (codes().length <= before) {
      if (Date.now() > deadline) throw new Error(`no sign-in code to ${phoneNumber}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const all = codes();
    const last = all[all.length - 1];
    return last.kind === 'phoneCode' ? last.code : '';
  }

  it('signs up with a username, shows it, changes it, and signs in with it', async () => {
    const client = newClient();
    const username = uniqueUsername();
    const email = uniqueEmail('client');
    const user = await client.signUp({
      email,
      password: GOOD_PASSWORD,
      username: username.toUpperCase(),
    });
    expect(user.username).toBe(username);
    // The sign-up sent the address its code: the SDK verifies it.
    await user.verifyEmailAddress(user.emailAddresses[0].id, { code: inbox.lastCode(email) });
    expect(user.emailAddresses[0].verified).toBe(true);
    const renamed = uniqueUsername();
    await user.update({ username: renamed });
    expect(client.user?.username).toBe(renamed);
    await client.signOut();

    const result = await newClient().signIn({ username: renamed, password: GOOD_PASSWORD });
    expect(result.twoFactorRequired).toBe(false);
    if (!result.twoFactorRequired) expect(result.user.id).toBe(user.id);
    const refused = await newClient()
      .signIn({ username: username, password: GOOD_PASSWORD })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(refused).toBeInstanceOf(UserKitError);
    expect((refused as UserKitError).status).toBe(401);
  });

  it('signs in by SMS code, with the second factor when it is on', async () => {
    const phoneNumber = uniquePhone();
    const owner = newClient();
    const user = await owner.signUp({
      email: uniqueEmail('sms'),
      password: GOOD_PASSWORD,
      phoneNumber,
    });
    await user.verifyPhoneNumber(user.phoneNumbers[0].id, { code: inbox.lastCode(phoneNumber) });

    const device = newClient();
    await device.sendPhoneCode({ phoneNumber });
    const code = await signInCode(phoneNumber, 0);
    const signedIn = await device.signInWithPhoneCode({ phoneNumber, code });
    expect(signedIn.twoFactorRequired).toBe(false);
    expect(device.user?.id).toBe(user.id);

    await awayFromStepEdge();
    const { secret } = await user.createTOTP();
    await user.verifyTOTP({ code: await codeAt(secret, -30) });
    const second = newClient();
    await second.sendPhoneCode({ phoneNumber });
    const next = await signInCode(phoneNumber, 1);
    const challenged = await second.signInWithPhoneCode({ phoneNumber, code: next });
    expect(challenged).toEqual({ twoFactorRequired: true });
    expect(second.user).toBeNull();
    const completed = await second.completeSignIn({ code: await codeAt(secret, 0) });
    expect(completed.id).toBe(user.id);

    // An unknown number resolves the same way; a wrong code is a 401 UserKitError.
    await newClient().sendPhoneCode({ phoneNumber: uniquePhone() });
    const wrong = await newClient()
      .signInWithPhoneCode({ phoneNumber, code: '000000' })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect((wrong as UserKitError).code).toBe('INVALID_PHONE_CODE');
  });
});
