import type { User } from '@userkit/client';
import { ActionButton, ConfirmButton, Notice } from '../../components/index.js';
import { config } from '../../config.js';
import { href } from '../../router.js';
import { providerName } from '../sign-in.js';
import { Section } from './section.js';

/** Starts the provider round trip that verifies an account of `provider` (a new or the pending one). */
async function connect(user: User, provider: string): Promise<void> {
  const start = await user.createExternalAccount({
    strategy: provider,
    redirectUrl: `${location.origin}${href('/')}`,
  });
  location.assign(start.verification.externalVerificationRedirectURL);
}

/**
 * OAuth accounts: link one more (a round trip to the provider), unlink, and the links that did not
 * complete (pending, failed with the reason, expired) with a way to try again or remove them.
 */
export function ExternalAccountsSection(props: { user: User; query: URLSearchParams }) {
  const { user, query } = props;
  const linkedProviders = new Set(user.externalAccounts.map((account) => account.provider));
  const available = config.providers.filter((provider) => !linkedProviders.has(provider));
  if (config.providers.length === 0 && user.externalAccounts.length === 0) return null;
  return (
    <Section title="Connected accounts">
      {query.get('linked') !== null && <Notice>The account is connected.</Notice>}
      {query.get('error') && (
        <Notice kind="error">
          Connecting failed: {linkErrorText(query.get('error') as string)}
        </Notice>
      )}
      {user.externalAccounts.length > 0 && (
        <ul class="list">
          {user.externalAccounts.map((account) => (
            <li key={account.id}>
              <span class="item-text">
                {providerName(account.provider)}
                {account.email ? ` · ${account.email}` : ''}
                <VerificationBadge verification={account.verification} />
                {account.verification.error && (
                  <span class="hint"> {account.verification.error.message}</span>
                )}
              </span>
              {account.verification.status !== 'verified' && (
                <ActionButton onClick={() => connect(user, account.provider)}>
                  {account.verification.status === 'unverified' ? 'Continue' : 'Try again'}
                </ActionButton>
              )}
              <ConfirmButton
                onConfirm={() => user.deleteExternalAccount(account.id)}
                label={`${account.verification.status === 'verified' ? 'Disconnect' : 'Remove'} ${providerName(account.provider)}`}
              >
                {account.verification.status === 'verified' ? 'Disconnect' : 'Remove'}
              </ConfirmButton>
            </li>
          ))}
        </ul>
      )}
      <div class="actions">
        {available.map((provider) => (
          <ActionButton key={provider} onClick={() => connect(user, provider)}>
            Connect {providerName(provider)}
          </ActionButton>
        ))}
      </div>
    </Section>
  );
}

/** The link's state as the API reports it (`verification.status`), like the identifiers' badges. */
function VerificationBadge(props: {
  verification: User['externalAccounts'][number]['verification'];
}) {
  const { status } = props.verification;
  if (status === 'verified') return <span class="badge">Verified</span>;
  const words = { unverified: 'Pending', failed: 'Failed', expired: 'Expired' } as const;
  return <span class="badge badge-warn">{words[status]}</span>;
}

/** The callback's `error=` codes (API.md, OAuth) in words; an unknown one is shown as it came. */
const LINK_ERRORS: Record<string, string> = {
  access_denied: 'the provider was not allowed to share your account (access denied).',
  external_account_taken: 'that account is already connected to another user.',
  invalid_state: 'the request expired or was started in another browser. Try again.',
  provider_error: 'the provider answered with an error. Try again later.',
  provider_unavailable: 'the provider could not be reached. Try again later.',
  oauth_failed: 'the provider answered with an error. Try again later.',
};

function linkErrorText(code: string): string {
  return Object.hasOwn(LINK_ERRORS, code) ? LINK_ERRORS[code] : code;
}
