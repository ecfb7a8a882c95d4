import type { AdminUserResponse } from './api.js';
import { formatDate } from './user-labels.js';

function Value(props: { value: unknown }) {
  const { value } = props;
  if (value === null || value === undefined || value === '') return <>—</>;
  if (typeof value === 'object') return <code class="inline-json">{JSON.stringify(value)}</code>;
  return <>{String(value)}</>;
}

/** Who the user is, read-only: names, emails, phones, external accounts, dates, attributes. */
export function UserSummary({ user }: { user: AdminUserResponse }) {
  const attributes = {
    ...(user.standardAttributes ?? {}),
    ...(user.customAttributes ?? {}),
  };
  const setAttributes = Object.entries(attributes).filter(([, value]) => value !== null);
  return (
    <section class="panel" aria-labelledby="user-summary">
      <h2 id="user-summary">Profile</h2>
      <dl class="summary">
        <dt>User id</dt>
        <dd class="mono">{user.id}</dd>
        <dt>Username</dt>
        <dd>
          <Value value={user.username} />
        </dd>
        <dt>Display name</dt>
        <dd>
          <Value value={user.displayName} />
        </dd>
        <dt>First and last name</dt>
        <dd>
          <Value value={[user.firstName, user.lastName].filter(Boolean).join(' ')} />
        </dd>
        <dt>Emails</dt>
        <dd>
          {user.emailAddresses.length === 0 ? (
            '—'
          ) : (
            <ul class="plain">
              {user.emailAddresses.map((email) => (
                <li key={email.id}>
                  {email.email}
                  {email.primary && <span class="badge">primary</span>}
                  <span class={email.verified ? 'badge' : 'badge badge-muted'}>
                    {email.verified ? 'verified' : 'unverified'}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>Phones</dt>
        <dd>
          {user.phoneNumbers.length === 0 ? (
            '—'
          ) : (
            <ul class="plain">
              {user.phoneNumbers.map((phone) => (
                <li key={phone.id}>
                  {phone.phoneNumber}
                  {phone.primary && <span class="badge">primary</span>}
                  <span class={phone.verified ? 'badge' : 'badge badge-muted'}>
                    {phone.verified ? 'verified' : 'unverified'}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>External accounts</dt>
        <dd>
          {user.externalAccounts.length === 0 ? (
            '—'
          ) : (
            <ul class="plain">
              {user.externalAccounts.map((account) => (
                <li key={account.id}>
                  {account.provider}: {account.email ?? account.providerUserId ?? '—'}
                  <span class="badge badge-muted">{account.verification.status}</span>
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>Two-step verification</dt>
        <dd>{user.twoFactorEnabled ? 'On' : 'Off'}</dd>
        <dt>Created</dt>
        <dd>{formatDate(user.createdAt)}</dd>
        <dt>Last sign-in</dt>
        <dd>{formatDate(user.lastSignInAt)}</dd>
        {setAttributes.map(([name, value]) => [
          <dt key={`${name}-t`}>{name}</dt>,
          <dd key={`${name}-d`}>
            <Value value={value} />
          </dd>,
        ])}
      </dl>
    </section>
  );
}
