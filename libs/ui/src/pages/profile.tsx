import { PageHeading } from '../components/index.js';
import type { RouteProps } from '../router.js';
import { useUser } from '../session.js';
import { AttributesSection } from './profile/attributes-section.js';
import { ExternalAccountsSection } from './profile/external-accounts-section.js';
import { EMAILS, IdentifiersSection, PHONES } from './profile/identifiers-section.js';
import { NamesSection } from './profile/names-section.js';
import { PasswordSection } from './profile/password-section.js';
import { SecurityActivitySection } from './profile/security-activity-section.js';
import { SessionsSection } from './profile/sessions-section.js';
import { SetPasswordSection } from './profile/set-password-section.js';
import { TwoFactorSection } from './profile/two-factor-section.js';
import { UpgradeSection } from './profile/upgrade-section.js';

/** The user's own account: profile, identifiers, connected accounts, security. */
export function ProfilePage({ query }: RouteProps) {
  const user = useUser();
  if (!user) return null;
  return (
    <div class="profile">
      <PageHeading>Your account</PageHeading>
      {user.isAnonymous && <UpgradeSection user={user} />}
      <NamesSection user={user} />
      <AttributesSection user={user} />
      {!user.isAnonymous && <IdentifiersSection user={user} kind={EMAILS} />}
      {!user.isAnonymous && <IdentifiersSection user={user} kind={PHONES} />}
      <ExternalAccountsSection user={user} query={query} />
      {!user.isAnonymous && user.passwordEnabled && <PasswordSection user={user} />}
      {/* No password yet (an OAuth-only account): the change form would ask for one. */}
      {!user.isAnonymous && !user.passwordEnabled && <SetPasswordSection user={user} />}
      {!user.isAnonymous && <TwoFactorSection user={user} />}
      <SessionsSection user={user} />
      {!user.isAnonymous && <SecurityActivitySection user={user} />}
    </div>
  );
}
