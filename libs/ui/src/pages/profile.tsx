import { PageHeading } from '../components/index.js';
import type { RouteProps } from '../router.js';
import { useUser } from '../session.js';
import { AttributesSection } from './profile/attributes-section.js';
import { ExternalAccountsSection } from './profile/external-accounts-section.js';
import { EMAILS, IdentifiersSection, PHONES } from './profile/identifiers-section.js';
import { NamesSection } from './profile/names-section.js';
import { OrganizationsSection } from './profile/organizations-section.js';
import { PasskeysSection } from './profile/passkeys-section.js';
import { PasswordSection } from './profile/password-section.js';
import { SecurityActivitySection } from './profile/security-activity-section.js';
import { SessionsSection } from './profile/sessions-section.js';
import { SetPasswordSection } from './profile/set-password-section.js';
import { TwoFactorSection } from './profile/two-factor-section.js';
import { UpgradeSection } from './profile/upgrade-section.js';
import { UsernameSection } from './profile/username-section.js';
import { YourDataSection } from './profile/your-data-section.js';
import { config } from '../config.js';
import { mustVerifyEmail, VerifyEmailStep } from './verify-email.js';

/** The user's own account: profile, identifiers, connected accounts, security. */
export function ProfilePage({ query }: RouteProps) {
  const user = useUser();
  if (!user) return null;
  // requireVerifiedEmail: the API refuses the rest until then, so the pages ask for the code first.
  if (mustVerifyEmail(user, config.requireVerifiedEmail)) return <VerifyEmailStep user={user} />;
  return (
    <div class="profile">
      <PageHeading>Your account</PageHeading>
      {user.isAnonymous && <UpgradeSection user={user} />}
      <NamesSection user={user} />
      {!user.isAnonymous && config.identifiers.username !== false && (
        <UsernameSection user={user} setting={config.identifiers.username} />
      )}
      <AttributesSection user={user} />
      {!user.isAnonymous && <IdentifiersSection user={user} kind={EMAILS} />}
      {!user.isAnonymous && <IdentifiersSection user={user} kind={PHONES} />}
      <ExternalAccountsSection user={user} query={query} />
      {!user.isAnonymous && user.passwordEnabled && <PasswordSection user={user} />}
      {/* No password yet (an OAuth-only account): the change form would ask for one. */}
      {!user.isAnonymous && !user.passwordEnabled && <SetPasswordSection user={user} />}
      {!user.isAnonymous && <TwoFactorSection user={user} />}
      {!user.isAnonymous && config.passkeys && <PasskeysSection user={user} />}
      {!user.isAnonymous && config.organizations && <OrganizationsSection user={user} />}
      <SessionsSection user={user} />
      {!user.isAnonymous && <SecurityActivitySection user={user} />}
      <YourDataSection user={user} />
    </div>
  );
}
