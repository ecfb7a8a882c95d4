// @userkit/react's organization hooks (issue 24) and passwordless sign-in through useSignIn
// (issue 23), in jsdom (React Testing Library) against the sample app listening on a real port:
// the client's real fetch, no mocked HTTP.
import { createUserKitClient, webStorage, type UserKitClient } from '@userkit/client';
import { createElement, type ReactNode } from 'react';
import { CapturingMessageSender } from '../support/captured-messages.js';
import {
  MapWebStorage,
  startListeningTestApp,
  type ListeningTestApp,
} from '../support/client-app.js';
import { GOOD_PASSWORD, uniqueEmail } from '../support/users.js';
import { installDom } from './support/dom.js';

const dom = installDom('http://127.0.0.1/');
const { act, cleanup, renderHook, waitFor } = await import('@testing-library/react');
const { UserKitProvider, useAuth, useOrganization, useOrganizationList, useSignIn } =
  await import('@userkit/react');

function providerFor(client: UserKitClient) {
  return ({ children }: { children?: ReactNode }) =>
    createElement(UserKitProvider, { client }, children);
}

/** Everything organization-shaped one tab shows. */
function useOrganizationView() {
  const auth = useAuth();
  const list = useOrganizationList();
  const active = useOrganization({ members: true, invitations: true });
  return { auth, list, active };
}

/** Messages go out after the answer: the next one matching, once it arrives. */
async function next<T>(list: T[], matches: (item: T) => boolean, before: number): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const found = list.filter(matches);
    if (found.length > before) return found[found.length - 1];
    if (Date.now() > deadline) throw new Error('no message arrived');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

afterEach(() => cleanup());
afterAll(() => dom.window.close());

describe('@userkit/react organizations and passwordless sign-in', () => {
  let t: ListeningTestApp;
  const inbox = new CapturingMessageSender();
  beforeAll(async () => {
    t = await startListeningTestApp({
      env: { OAUTH_REDIRECT_ALLOWLIST: 'http://127.0.0.1:5173/auth' },
      overrides: { messageSender: inbox, emailSignIn: true, emailLinkSignIn: true },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates an organization, lists it, makes it active: useAuth shows orgId and orgRole', async () => {
    const storage = new MapWebStorage();
    const tabA = createUserKitClient({ baseUrl: t.baseUrl, storage: webStorage(storage) });
    await tabA.signUp({ email: uniqueEmail('react-org'), password: GOOD_PASSWORD });
    const a = renderHook(useOrganizationView, { wrapper: providerFor(tabA) });
    await waitFor(() => expect(a.result.current.list.isLoaded).toBe(true));
    expect(a.result.current.list.organizations).toEqual([]);
    expect(a.result.current.auth).toMatchObject({ orgId: null, orgRole: null });
    // No active organization: loaded, and nothing in it.
    expect(a.result.current.active).toMatchObject({ isLoaded: true, organization: null });

    // Another user in another provider: their own session, no organization, all along.
    const other = createUserKitClient({ baseUrl: t.baseUrl });
    await other.signUp({ email: uniqueEmail('react-org-other'), password: GOOD_PASSWORD });
    const o = renderHook(useOrganizationView, { wrapper: providerFor(other) });
    await waitFor(() => expect(o.result.current.list.isLoaded).toBe(true));

    const created = await act(() =>
      a.result.current.list.createOrganization({ name: 'Acme React' }),
    );
    expect(created.role).toBe('owner');
    await waitFor(() =>
      expect(a.result.current.list.organizations.map((m) => [m.organization.name, m.role])).toEqual(
        [['Acme React', 'owner']],
      ),
    );
    const orgId = created.organization.id;
    expect(a.result.current.auth.orgId).toBeNull(); // created, not yet active

    await act(() => a.result.current.list.setActive(orgId));
    expect(a.result.current.auth).toMatchObject({
      orgId,
      orgRole: 'owner',
      orgSlug: created.organization.slug,
    });
    await waitFor(() => expect(a.result.current.active.isLoaded).toBe(true));
    const self = tabA.user!;
    expect(a.result.current.active.organization?.name).toBe('Acme React');
    expect(a.result.current.active.membership?.role).toBe('owner');
    expect(a.result.current.active.members?.data.map((member) => member.userId)).toEqual([self.id]);
    expect(a.result.current.active.invitations).toEqual([]);
    // What the hooks show is what the session holds on the API.
    const held = await t.http
      .get('/me/session/organization')
      .set('Authorization', `Bearer ${await tabA.getAccessToken()}`)
      .expect(200);
    expect(held.body).toMatchObject({ organizationId: orgId, role: 'owner' });

    // useOrganization's actions: rename, invite (the message goes out), revoke; the hooks reload.
    await act(() => a.result.current.active.update({ name: 'Acme Renamed' }));
    await waitFor(() => expect(a.result.current.active.organization?.name).toBe('Acme Renamed'));
    expect(a.result.current.list.organizations[0]?.organization.name).toBe('Acme Renamed');
    const invitee = uniqueEmail('react-invitee');
    const invitation = await act(() =>
      a.result.current.active.invite({ email: invitee, role: 'member' }),
    );
    await waitFor(() =>
      expect(a.result.current.active.invitations?.map((i) => i.email)).toEqual([invitee]),
    );
    await next(inbox.invitations, (message) => message.email === invitee, 0);
    await act(() => a.result.current.active.revokeInvitation(invitation.id));
    await waitFor(() => expect(a.result.current.active.invitations).toEqual([]));

    // A second tab of the same session (the shared storage): it restores the organization too,
    // and follows when the first tab changes it.
    const tabB = createUserKitClient({ baseUrl: t.baseUrl, storage: webStorage(storage) });
    const b = renderHook(() => useAuth(), { wrapper: providerFor(tabB) });
    await waitFor(() => expect(b.result.current.isLoaded).toBe(true));
    expect(b.result.current).toMatchObject({ userId: self.id, orgId, orgRole: 'owner' });
    await act(() => a.result.current.list.setActive(null));
    expect(a.result.current.auth).toMatchObject({ orgId: null, orgRole: null });
    await waitFor(() => expect(b.result.current.orgId).toBeNull());
    expect(a.result.current.active).toMatchObject({ organization: null, membership: null });
    await act(() => a.result.current.list.setActive(orgId));
    await waitFor(() => expect(b.result.current).toMatchObject({ orgId, orgRole: 'owner' }));

    // The other user saw none of it; and cannot make that organization theirs.
    expect(o.result.current.auth).toMatchObject({ orgId: null, orgRole: null });
    expect(o.result.current.list.organizations).toEqual([]);
    const refused = await act(() =>
      o.result.current.list.setActive(orgId).then(
        () => null,
        (error: { status?: number }) => error.status,
      ),
    );
    expect(refused).toBe(404);
    expect(o.result.current.auth.orgId).toBeNull();

    // A page load restores the session with its organization.
    const reloaded = createUserKitClient({ baseUrl: t.baseUrl, storage: webStorage(storage) });
    const r = renderHook(() => useAuth(), { wrapper: providerFor(reloaded) });
    await waitFor(() => expect(r.result.current.isLoaded).toBe(true));
    expect(r.result.current).toMatchObject({ orgId, orgRole: 'owner' });
    r.unmount();

    // Sign-out clears the organization everywhere.
    await act(() => a.result.current.auth.signOut());
    expect(a.result.current.auth).toMatchObject({ isSignedIn: false, orgId: null, orgRole: null });
    expect(a.result.current.list.organizations).toEqual([]);
    expect(a.result.current.active.organization).toBeNull();
    await waitFor(() => expect(b.result.current).toMatchObject({ isSignedIn: false, orgId: null }));
  });

  it('signs in by email code through useSignIn, the code read from the message', async () => {
    const email = uniqueEmail('react-email-code');
    const user = await createUserKitClient({ baseUrl: t.baseUrl }).signUp({
      email,
      password: GOOD_PASSWORD,
    });
    await user.verifyEmailAddress(user.emailAddresses[0].id, { code: inbox.lastCode(email) });

    const client = createUserKitClient({ baseUrl: t.baseUrl });
    const { result } = renderHook(() => ({ signIn: useSignIn(), auth: useAuth() }), {
      wrapper: providerFor(client),
    });
    await waitFor(() => expect(result.current.auth.isLoaded).toBe(true));
    expect(result.current.auth.isSignedIn).toBe(false);
    const isSignInCode = (message: (typeof inbox.messages)[number]) =>
      message.kind === 'emailCode' && message.email === email && message.purpose === 'sign_in';
    await act(() => result.current.signIn.sendEmailCode({ email }));
    const message = await next(inbox.messages, isSignInCode, 0);
    const code = message.kind === 'emailCode' ? message.code : '';
    const outcome = await act(() => result.current.signIn.signInWithEmailCode({ email, code }));
    expect(outcome.twoFactorRequired).toBe(false);
    expect(result.current.auth).toMatchObject({ isSignedIn: true, userId: user.id, orgId: null });
  });

  it('signs in by email link through useSignIn: the link opened, its code redeemed by this client', async () => {
    const email = uniqueEmail('react-email-link');
    const user = await createUserKitClient({ baseUrl: t.baseUrl }).signUp({
      email,
      password: GOOD_PASSWORD,
    });
    await user.verifyEmailAddress(user.emailAddresses[0].id, { code: inbox.lastCode(email) });

    const client = createUserKitClient({ baseUrl: t.baseUrl });
    const { result } = renderHook(() => ({ signIn: useSignIn(), auth: useAuth() }), {
      wrapper: providerFor(client),
    });
    await waitFor(() => expect(result.current.auth.isLoaded).toBe(true));
    const returnTo = 'http://127.0.0.1:5173/auth/done';
    await act(() =>
      result.current.signIn.sendEmailLink({ email, redirectUrl: returnTo, bind: true }),
    );
    const message = await next(inbox.signInLinks, (link) => link.email === email, 0);
    // The user opens the link: the API redirects back to the page with a code.
    const link = new URL(message.link);
    const opened = await fetch(`${t.baseUrl}${link.pathname}${link.search}`, {
      redirect: 'manual',
    });
    expect(opened.status).toBe(302);
    const back = new URL(opened.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(returnTo);
    expect(result.current.auth.isSignedIn).toBe(false);
    const outcome = await act(() =>
      result.current.signIn.signInWithEmailLink(back.searchParams.get('code')!),
    );
    expect(outcome.twoFactorRequired).toBe(false);
    expect(result.current.auth).toMatchObject({ isSignedIn: true, userId: user.id });
  });
});
