import { Button, ConfirmButton, Field, Notice, errorMessage } from '../components/index.js';
import { useState } from 'preact/hooks';
import { navigate } from '../router.js';
import { adminApi, type AdminUserResponse } from './api.js';

/**
 * Ban (sessions end and sign-ins are refused; with a reason and an end if given), unban, delete;
 * ban and delete ask for a second click. Ending sessions without a ban is in the sessions panel (UserSessions).
 */
export function UserModeration(props: {
  user: AdminUserResponse;
  onSaved: (user: AdminUserResponse) => void;
}) {
  const { user } = props;
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  return (
    <section class="panel" aria-labelledby="user-moderation">
      <h2 id="user-moderation">Access</h2>
      <p>
        {user.banned
          ? `This user is banned${user.bannedUntil ? ` until ${new Date(user.bannedUntil).toLocaleString()}` : ''}: they cannot sign in and had every session ended.`
          : 'Banning ends every session of this user at once and refuses their sign-ins.'}
      </p>
      {user.banned && user.banReason && <p>Reason: {user.banReason}</p>}
      {!user.banned && (
        <>
          <Field
            label="Reason (optional, seen by admins only)"
            name="banReason"
            value={reason}
            onValue={setReason}
          />
          <Field
            label="Banned until (optional)"
            name="bannedUntil"
            type="datetime-local"
            value={until}
            onValue={setUntil}
            hint="Empty: until you unban the user. At that time the ban ends by itself."
          />
        </>
      )}
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
              props.onSaved(
                await adminApi.ban(user.id, {
                  ...(reason.trim() ? { reason: reason.trim() } : {}),
                  // The input's local time, sent as an instant.
                  ...(until ? { bannedUntil: new Date(until).toISOString() } : {}),
                }),
              );
              setReason('');
              setUntil('');
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
