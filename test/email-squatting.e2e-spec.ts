import { Browser } from './support/browser.js';
import { FRONT_END, RETURN_TO, googlePerson, useOAuthApp } from './support/oauth-app.js';
import { bearer, GOOD_PASSWORD, signUp, uniqueEmail, type SignedUp } from './support/users.js';

/**
 * Email squatting (issue 17 item 5): adding someone's address as an unverified secondary must not
 * block them. Only verified addresses and primaries (a sign-up's own address) are unique; a claim
 * yields when someone registers or verifies the address.
 */
describe('an unverified address claim blocks nobody', () => {
  const oauth = useOAuthApp();

  const http = () => oauth.app.t.http;

  async function claim(account: SignedUp, email: string) {
    return http().post('/me/emails').set(bearer(account.accessToken)).send({ email });
  }

  async function addressesOf(account: SignedUp): Promise<string[]> {
    const me = await http().get('/me').set(bearer(account.accessToken)).expect(200);
    return me.body.emailAddresses.map((address: { email: string }) => address.email);
  }

  it('the squatted owner still signs up, resets the password and signs in with Google; the claims yield', async () => {
    const squatter = await signUp(http());
    const victimEmail = uniqueEmail('victim');
    expect((await claim(squatter, victimEmail)).status).toBe(201);

    // Sign-up: the owner gets the address; the claim is gone.
    const victim = await signUp(http(), { email: victimEmail });
    expect(await addressesOf(squatter)).toEqual([squatter.email]);
    // The squatter's password does not open the victim's address, and the reset goes to the victim.
    await http()
      .post('/auth/login')
      .send({ email: victimEmail, password: GOOD_PASSWORD.toUpperCase() })
      .expect(401);
    await http().post('/auth/password/forgot').send({ email: victimEmail }).expect(202);
    expect((await oauth.inbox.waitForResetLink(victimEmail)).user.id).toBe(victim.user.id);

    // Google sign-in with a squatted address creates the owner's account.
    const googleEmail = uniqueEmail('google-victim');
    expect((await claim(squatter, googleEmail)).status).toBe(201);
    oauth.provider.googlePerson = googlePerson({ email: googleEmail, email_verified: true });
    const browser = new Browser();
    const { stoppedAt } = await browser.navigate(
      `${oauth.app.base}/oauth/google?redirect_url=${encodeURIComponent(RETURN_TO)}`,
      FRONT_END,
    );
    expect(stoppedAt!.searchParams.get('error')).toBeNull();
    const tokens = await http()
      .post('/auth/oauth/exchange')
      .set('Cookie', browser.cookieHeader(oauth.app.base))
      .send({ code: stoppedAt!.searchParams.get('code') })
      .expect(200);
    expect(tokens.body.user.primaryEmail).toBe(googleEmail);
    expect(tokens.body.user.id).not.toBe(squatter.user.id);
    expect(await addressesOf(squatter)).toEqual([squatter.email]);
  });

  it('two users may claim one address; the one who verifies it holds it, and then it is taken', async () => {
    const first = await signUp(http());
    const second = await signUp(http());
    const shared = uniqueEmail('shared');
    const firstClaim = await claim(first, shared);
    expect(firstClaim.status).toBe(201);
    const firstCode = oauth.inbox.lastCode(shared);
    expect((await claim(second, shared)).status).toBe(201);

    await http()
      .post(`/me/emails/${firstClaim.body.id}/verify`)
      .set(bearer(first.accessToken))
      .send({ code: firstCode })
      .expect(200);
    expect(await addressesOf(second)).toEqual([second.email]);

    const third = await signUp(http());
    expect((await claim(third, shared)).status).toBe(409);
    await http().post('/auth/signup').send({ email: shared, password: GOOD_PASSWORD }).expect(409);
    // A sign-up's own primary is unique too, and nobody adds their own address twice.
    expect((await claim(third, first.email)).status).toBe(409);
    expect((await claim(third, third.email)).status).toBe(409);
  });
});
