// @userkit/client's sign-in by email code (UserContactsModule `emailSignIn`, issue 23):
// sendEmailCode and signInWithEmailCode, with the second factor when it is on.
import { createUserKitClient, UserKitError, type UserKitClient } from '@userkit/client';
import { CapturingMessageSender } from './support/captured-messages.js';
import { startListeningTestApp, type ListeningTestApp } from './support/client-app.js';
import { awayFromStepEdge, codeAt } from './support/totp.js';
import { GOOD_PASSWORD, uniqueEmail } from './support/users.js';

describe('@userkit/client: sign-in by email code', () => {
  let t: ListeningTestApp;
  const inbox = new CapturingMessageSender();
  const newClient = (): UserKitClient => createUserKitClient({ baseUrl: t.baseUrl });
  beforeAll(async () => {
    t = await startListeningTestApp({ overrides: { messageSender: inbox, emailSignIn: true } });
  });
  afterAll(async () => {
    await t.close();
  });

  /** The next sign-in code to this address (sent after the answer). */
  async function signInCode(email: string, before: number): Promise<string> {
    const codes = () =>
      inbox.messages.filter(
        (message) =>
          message.kind === 'emailCode' && message.email === email && message.purpose === 'sign_in',
      );
    const deadline = Date.now() + 5000;
    while (codes().length <= before) {
      if (Date.now() > deadline) throw new Error(`no sign-in code to ${email}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const all = codes();
    const last = all[all.length - 1];
    return last.kind === 'emailCode' ? last.code : '';
  }

  it('signs in by email code, with the second factor when it is on', async () => {
    const email = uniqueEmail('mailcode');
    const user = await newClient().signUp({ email, password: GOOD_PASSWORD });
    await user.verifyEmailAddress(user.emailAddresses[0].id, { code: inbox.lastCode(email) });

    const device = newClient();
    await device.sendEmailCode({ email });
    const signedIn = await device.signInWithEmailCode({ email, code: await signInCode(email, 0) });
    expect(signedIn.twoFactorRequired).toBe(false);
    expect(device.user?.id).toBe(user.id);

    await awayFromStepEdge();
    const { secret } = await user.createTOTP();
    await user.verifyTOTP({ code: await codeAt(secret, -30) });
    const second = newClient();
    await second.sendEmailCode({ email });
    const challenged = await second.signInWithEmailCode({
      email,
      code: await signInCode(email, 1),
    });
    expect(challenged).toEqual({ twoFactorRequired: true });
    expect(second.user).toBeNull();
    const completed = await second.completeSignIn({ code: await codeAt(secret, 0) });
    expect(completed.id).toBe(user.id);

    // An unknown address resolves the same way; a wrong code is a 401 UserKitError.
    await newClient().sendEmailCode({ email: uniqueEmail('nobody') });
    const wrong = await newClient()
      .signInWithEmailCode({ email, code: '000000' })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(wrong).toBeInstanceOf(UserKitError);
    expect((wrong as UserKitError).code).toBe('INVALID_EMAIL_CODE');
  });
});
