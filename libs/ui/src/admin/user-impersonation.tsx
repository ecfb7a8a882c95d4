import { ConfirmButton } from '../components/index.js';
import { config } from '../config.js';
import { adminApi, type AdminUserResponse } from './api.js';

/**
 * "Sign in as this user": this browser switches to a session of the user (an hour at most, the
 * pages show a banner); the admin signs in again afterwards. Not offered for admins or banned
 * users (the API refuses both).
 */
export function UserImpersonation(props: { user: AdminUserResponse }) {
  const { user } = props;
  if (user.banned || user.roles.includes('admin')) return null;
  return (
    <section class="panel" aria-labelledby="user-impersonation">
      <h2 id="user-impersonation">Sign in as this user</h2>
      <p>
        See the account as the user sees it, for an hour at most. This browser leaves your own
        session: sign in again when you are done. Password, two-factor and sign-in method changes
        stay refused, and everything you do is recorded as yours.
      </p>
      <div class="actions">
        <ConfirmButton
          confirmLabel="Yes, switch to this user"
          onConfirm={async () => {
            await adminApi.impersonate(user.id);
            // A full load: the pages restore the session the cookie now holds.
            location.assign(`${config.basePath}/`);
          }}
        >
          Sign in as this user
        </ConfirmButton>
      </div>
    </section>
  );
}
