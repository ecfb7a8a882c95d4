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
      {query.get('error') && <Notice kind="error">Connecting failed: {query.get('error')}</Notice>}
      {user.externalAccounts.length > 0 && (
        <ul class="list">
          {user.externalAccounts.map((account) => (
            <li key={account.id}>
              <span class="item-text">
                {providerName(account.provider)}
                {account.email ? ` · ${account.email}` : ''}
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
