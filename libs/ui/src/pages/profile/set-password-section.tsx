import type { User } from '@userkit/client';
import { useState } from 'preact/hooks';
import { ActionButton, Notice } from '../../components/index.js';
import { client } from '../../session.js';
import { Section } from './section.js';

/**
 * A user without a password (signed up through a provider) cannot use the change form: it needs
 * the current password. The recovery flow sets a first one instead, by a link to their address.
 */
export function SetPasswordSection({ user }: { user: User }) {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const email = user.primaryEmail;
  return (
    <Section title="Password">
      {email ? (
        <>
          <p>
            You sign in with a connected account; this account has no password yet. To add one, we
            email a link to <strong class="address">{email}</strong> where you choose it.
          </p>
          <ActionButton
            kind={sentTo ? 'secondary' : 'primary'}
            onClick={async () => {
              await client.forgotPassword({ email });
              setSentTo(email);
            }}
          >
            {sentTo ? 'Send the link again' : 'Email me a link to set a password'}
          </ActionButton>
          {sentTo && (
            <Notice>
              A link to set your password is on its way to <span class="address">{sentTo}</span>. It
              works for one hour; once the password is set, you are signed out everywhere and sign
              in again with it.
            </Notice>
          )}
        </>
      ) : (
        <p>
          This account has no password. A password needs an email address first: add one under Email
          addresses, then set a password here.
        </p>
      )}
    </Section>
  );
}
