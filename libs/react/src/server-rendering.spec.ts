// Server rendering (Next.js-style renderToString) with no window: the provider, the hooks and the
// control components render the signed-out state and touch no browser global.
import { createElement, type ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { createUserKitClient } from '@userkit/client';
import {
  Protect,
  SignedIn,
  SignedOut,
  UserKitProvider,
  useAuth,
  useSessionList,
  useSignIn,
  useSignUp,
  useUser,
} from './index.js';

function EveryHook(): ReactNode {
  const user = useUser();
  const auth = useAuth();
  const sessions = useSessionList();
  const signIn = useSignIn();
  const signUp = useSignUp();
  return createElement(
    'p',
    null,
    `loaded:${user.isLoaded} signed-in:${auth.isSignedIn} sessions:${sessions.sessions.length} ` +
      `steps:${typeof signIn.signIn}/${typeof signUp.signUp}`,
  );
}

function page(provider: { baseUrl?: string; client?: ReturnType<typeof createUserKitClient> }) {
  return createElement(
    UserKitProvider,
    provider,
    createElement(EveryHook),
    createElement(SignedIn, null, 'signed-in content'),
    createElement(SignedOut, null, 'signed-out content'),
    createElement(Protect, { role: 'admin', fallback: 'no access' }, 'admin content'),
  );
}

describe('@userkit/react on the server', () => {
  it('has no window, document or localStorage here', () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    expect(typeof (globalThis as { document?: unknown }).document).toBe('undefined');
  });

  it.each([
    ['baseUrl', { baseUrl: 'https://api.example.com' }],
    ['cookie session', { baseUrl: 'https://api.example.com', session: 'cookie' as const }],
    ['client', { client: createUserKitClient({ baseUrl: 'https://api.example.com' }) }],
  ])('renders the signed-out state with a %s provider', (_, provider) => {
    const html = renderToString(page(provider));
    expect(html).toContain('loaded:false signed-in:false sessions:0 steps:function/function');
    expect(html).toContain('signed-out content');
    expect(html).toContain('no access');
    expect(html).not.toContain('signed-in content');
    expect(html).not.toContain('admin content');
  });

  it('a hook outside the provider says what is missing', () => {
    expect(() => renderToString(createElement(EveryHook))).toThrow(/UserKitProvider/);
  });
});
