import type { User } from '@userkit/client';
import { ActionButton, ConfirmButton, Notice } from '../../components/index.js';
import { config } from '../../config.js';
import { href } from '../../router.js';
import { providerName } from '../sign-in.js';
import { Section } from './section.js';

/** OAuth accounts: link one more (a round trip to the provider) or unlink. */
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
              </span>
              <ConfirmButton
                onConfirm={() => user.deleteExternalAccount(account.id)}
                label={`Disconnect ${providerName(account.provider)}`}
              >
                Disconnect
              </ConfirmButton>
            </li>
          ))}
        </ul>
      )}
      <div class="actions">
        {available.map((provider) => (
          <ActionButton
            key={provider}
            onClick={async () => {
              const start = await user.createExternalAccount({
                strategy: provider,
                redirectUrl: `${location.origin}${href('/')}`,
              });
              location.assign(start.externalVerificationRedirectURL);
            }}
          >
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
  const { status, error } = props.verification;
  if (status === 'verified') return <span class="badge">Verified</span>;
  return (
    <span class="badge badge-warn" title={error ?? undefined}>
      {status === 'failed' ? 'Failed' : 'Unverified'}
    </span>
  );
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
