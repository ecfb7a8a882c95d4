import { Button, ConfirmButton, Notice, errorMessage } from '../components/index.js';
import { useState } from 'preact/hooks';
import { navigate } from '../router.js';
import { adminApi, type AdminUserResponse } from './api.js';

/**
 * Ban (sessions end and sign-ins are refused), unban, delete; ban and delete ask for a second
 * click. Ending sessions without a ban is in the sessions panel (UserSessions).
 */
export function UserModeration(props: {
  user: AdminUserResponse;
  onSaved: (user: AdminUserResponse) => void;
}) {
  const { user } = props;
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <section class="panel" aria-labelledby="user-moderation">
      <h2 id="user-moderation">Access</h2>
      <p>
        {user.banned
          ? 'This user is banned: they cannot sign in and had every session ended.'
          : 'Banning ends every session of this user at once and refuses their sign-ins.'}
      </p>
      <div class="actions">
        {user.banned ? (
          <Button
            disabled={pending}
            onClick={async () => {
              setPending(true);
              setError(null);
              setStatus(null);
              try {
                props.onSaved(await adminApi.unban(user.id));
                setStatus('User unbanned.');
              } catch (failure) {
                setError(errorMessage(failure));
              } finally {
                setPending(false);
              }
            }}
          >
            Unban user
          </Button>
        ) : (
          <ConfirmButton
            confirmLabel="Yes, ban this user"
            onConfirm={async () => {
              setStatus(null);
              props.onSaved(await adminApi.ban(user.id));
              setStatus('User banned; their sessions have ended.');
            }}
          >
            Ban user
          </ConfirmButton>
        )}
        <ConfirmButton
          confirmLabel="Yes, delete for good"
          onConfirm={async () => {
            await adminApi.deleteUser(user.id);
            navigate('/admin/users');
          }}
        >
          Delete user
        </ConfirmButton>
      </div>
      {status && <Notice>{status}</Notice>}
      {error && <Notice kind="error">{error}</Notice>}
    </section>
  );
}
