import { ADMIN_ENV, signInAdmin } from './support/admin.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { bearer, GOOD_PASSWORD, signUp, uniqueEmail } from './support/users.js';

/** Each makes an address that renders like the plain one in a list or a log. */
const LOOKALIKES: Array<[string, string]> = [
  ['a zero-width space', '\u200b'],
  ['a zero-width joiner', '\u200d'],
  ['a right-to-left mark', '\u200f'],
  ['a right-to-left override', '\u202e'],
  ['a soft hyphen', '\u00ad'],
  ['a word joiner', '\u2060'],
  ['a byte order mark', '\ufeff'],
  ['a Hangul filler', '\u3164'],
  ['ESC', '\u001b'],
  ['BEL', '\u0007'],
  ['NUL', '\u0000'],
];

/** `plain` with `character` inside its local part. */
const inside = (plain: string, character: string) => plain.replace('@', `${character}@`);

/** Fullwidth forms of ASCII letters, digits, @ and . (what NFKC folds back). */
const fullwidth = (text: string) =>
  [...text].map((c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0)).join('');

describe('lookalike email addresses', () => {
  let t: TestApp;
  let admin: { accessToken: string };
  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV });
    admin = await signInAdmin(t.http);
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(LOOKALIKES)(
    'an address with %s is refused on sign-up, added email, admin create and upgrade',
    async (_, character) => {
      const target = uniqueEmail('victim');
      const crafted = inside(target, character);
      const send = (request: any, body: object) =>
        request.set('Content-Type', 'application/json').send(JSON.stringify(body));
      const user = await signUp(t.http);
      const anonymous = (await t.http.post('/auth/signup/anonymous').send({}).expect(201)).body;
      const answers = [
        await send(t.http.post('/auth/signup'), { email: crafted, password: GOOD_PASSWORD }),
        await send(t.http.post('/me/emails').set(bearer(user.accessToken)), { email: crafted }),
        await send(t.http.post('/admin/users').set(bearer(admin.accessToken)), { email: crafted }),
        await send(t.http.post('/me/upgrade').set(bearer(anonymous.accessToken)), {
          email: crafted,
          password: GOOD_PASSWORD,
        }),
      ];
      expect(answers.map((response) => response.status)).toEqual([400, 400, 400, 400]);
      expect(answers[0].body.message.join(' ')).toMatch(/^email must /);
    },
  );

  it('a fullwidth spelling of a taken address is the same address: 409, and it signs in', async () => {
    const plain = uniqueEmail('wide');
    const owner = await signUp(t.http, { email: plain });
    const wide = fullwidth(plain);
    expect(wide).not.toBe(plain);
    const second = await t.http
      .post('/auth/signup')
      .send({ email: wide, password: GOOD_PASSWORD })
      .expect(409);
    expect(second.body.code).toBe('EMAIL_TAKEN');
    const halfWide = fullwidth(plain.split('@')[0]) + '@' + plain.split('@')[1];
    await t.http
      .post('/auth/signup')
      .send({ email: halfWide, password: GOOD_PASSWORD })
      .expect(409);
    const login = await t.http
      .post('/auth/login')
      .send({ email: wide, password: GOOD_PASSWORD })
      .expect(200);
    expect(login.body.user.id).toBe(owner.user.id);
  });

  it('a fullwidth address is stored and shown as the plain address', async () => {
    const plain = uniqueEmail('stored');
    const created = await t.http
      .post('/admin/users')
      .set(bearer(admin.accessToken))
      .send({ email: fullwidth(plain) })
      .expect(201);
    expect(created.body.primaryEmail).toBe(plain);
  });
});
