import type { User } from '@userkit/client';
import { navigate } from '../router.js';
import { client } from '../session.js';

/** While an admin acts as the user: who, and the way out (ends the impersonation session). */
export function ImpersonationBanner(props: { user: User }) {
  const admin = props.user.impersonatedBy;
  if (!admin) return null;
  const name = props.user.displayName ?? props.user.primaryEmail ?? props.user.id;
  const by = admin.displayName ?? admin.primaryEmail ?? admin.id;
  return (
    <div class="impersonation-banner" role="region" aria-label="Impersonation">
      <p>
        You are signed in as <strong>{name}</strong> by {by} (admin).
      </p>
      <button
        type="button"
        class="button button-link"
        onClick={async () => {
          await client.signOut().catch(() => undefined);
          navigate('/sign-in');
        }}
      >
        End impersonation
      </button>
    </div>
  );
}
