import { CapturingMessageSender } from './support/captured-messages.js';
import { sql } from './support/database-access.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { bearer, signUp, type SignedUp } from './support/users.js';

interface Phone {
  id: string;
  phoneNumber: string;
  verified: boolean;
  primary: boolean;
}

let counter = 0;
/** A valid US number (201-555-xxxx), unique within this process. */
function uniquePhone(): string {
  counter += 1;
  return `+1201555${String(2000 + counter).padStart(4, '0')}`;
}

describe('several phone numbers: /me/phones', () => {
  let t: TestApp;
  const inbox = new CapturingMessageSender();
  beforeAll(async () => {
    t = await startTestApp({ overrides: { messageSender: inbox } });
  });
  afterAll(async () => {
    await t.close();
  });

  async function addPhone(account: SignedUp, phoneNumber = uniquePhone()): Promise<Phone> {
    const response = await t.http
      .post('/me/phones')
      .set(bearer(account.accessToken))
      .send({ phoneNumber })
      .expect(201);
    return response.body;
  }

  async function verify(account: SignedUp, phone: Phone): Promise<void> {
    await t.http
      .post(`/me/phones/${phone.id}/verify`)
      .set(bearer(account.accessToken))
      .send({ code: inbox.lastCode(phone.phoneNumber) })
      .expect(200);
  }

  it('adds a number in E.164 form (the first one is the primary), and verifies it by code', async () => {
    const account = await signUp(t.http);
    const typed = '+1 (201) 555-0147';
    const first = await addPhone(account, typed);
    expect(first).toEqual({
      id: expect.any(String),
      phoneNumber: '+12015550147',
      verified: false,
      primary: true,
    });
    expect(inbox.lastCode('+12015550147')).toMatch(/^\d{6}$/);
    await verify(account, first);
    const second = await addPhone(account);
    expect(second.primary).toBe(false);
    const me = await t.http.get('/me').set(bearer(account.accessToken)).expect(200);
    expect(me.body.phoneNumbers).toEqual([{ ...first, verified: true }, second]);
  });

  it.each([
    ['no country code', '2015550123'],
    ['letters', '+1 201 CALL NOW'],
    ['an impossible number', '+1555555555'],
    ['too long', '+1201555012345678901234'],
    ['not a string', 12015550123],
  ])('answers 400 for %s', async (_, phoneNumber) => {
    const account = await signUp(t.http);
    const response = await t.http
      .post('/me/phones')
      .set(bearer(account.accessToken))
      .send({ phoneNumber })
      .expect(400);
    expect(JSON.stringify(response.body.message)).toMatch(/E\.164/);
  });

  it('answers 409 for a number another user holds', async () => {
    const owner = await signUp(t.http);
    const phone = await addPhone(owner);
    await verify(owner, phone);
    const other = await signUp(t.http);
    const taken = await t.http
      .post('/me/phones')
      .set(bearer(other.accessToken))
      .send({ phoneNumber: phone.phoneNumber })
      .expect(409);
    expect(taken.body.message).toMatch(/phone number/);
  });

  it('moves the primary to a verified number, refuses an unverified one, and guards removal', async () => {
    const account = await signUp(t.http);
    const first = await addPhone(account);
    const second = await addPhone(account);
    await t.http
      .post(`/me/phones/${second.id}/primary`)
      .set(bearer(account.accessToken))
      .expect(400);
    await verify(account, second);
    await t.http
      .post(`/me/phones/${second.id}/primary`)
      .set(bearer(account.accessToken))
      .expect(200);
    const refused = await t.http
      .delete(`/me/phones/${second.id}`)
      .set(bearer(account.accessToken))
      .expect(400);
    expect(refused.body.code).toBe('PRIMARY_NOT_REMOVABLE');
    await t.http.delete(`/me/phones/${first.id}`).set(bearer(account.accessToken)).expect(204);
    // Phones are not a way to sign in: the last one (even the primary) may go.
    await t.http.delete(`/me/phones/${second.id}`).set(bearer(account.accessToken)).expect(204);
    const me = await t.http.get('/me').set(bearer(account.accessToken)).expect(200);
    expect(me.body.phoneNumbers).toEqual([]);
  });

  it('limits tries, redeems a code once under 16 parallel requests, and stores only a hash', async () => {
    const account = await signUp(t.http);
    const phone = await addPhone(account);
    const code = inbox.lastCode(phone.phoneNumber);
    const [row] = await sql<{ code_hash: string }>(
      t.app,
      'select code_hash from userkit_verification_codes where phone_number_id = ?',
      [phone.id],
    );
    expect(row.code_hash).not.toContain(code);
    const results = await Promise.all(
      Array.from({ length: 16 }, () =>
        t.http
          .post(`/me/phones/${phone.id}/verify`)
          .set(bearer(account.accessToken))
          .send({ code }),
      ),
    );
    expect(results.filter((result) => result.status === 200)).toHaveLength(1);
    expect(results.filter((result) => result.status === 400)).toHaveLength(15);
  });

  it("answers 404 for another user's number, and resends a new code for one's own", async () => {
    const owner = await signUp(t.http);
    const phone = await addPhone(owner);
    const stranger = await signUp(t.http);
    await t.http
      .post(`/me/phones/${phone.id}/resend`)
      .set(bearer(stranger.accessToken))
      .expect(404);
    await t.http.delete(`/me/phones/${phone.id}`).set(bearer(stranger.accessToken)).expect(404);
    const before = inbox.countTo(phone.phoneNumber);
    await t.http.post(`/me/phones/${phone.id}/resend`).set(bearer(owner.accessToken)).expect(204);
    expect(inbox.countTo(phone.phoneNumber)).toBe(before + 1);
    await verify(owner, phone);
  });
});
