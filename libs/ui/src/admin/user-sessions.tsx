import { useState } from 'preact/hooks';
import { ConfirmButton, Notice, sessionDevice } from '../components/index.js';
import { adminApi, type AdminSessionResponse, type AdminUserResponse } from './api.js';
import { formatDate } from './user-labels.js';
import { useLoad } from './use-load.js';

function SessionStatus({ session }: { session: AdminSessionResponse }) {
  if (session.status === 'active') return <span class="badge">active</span>;
  const why = session.revokedReason ? ` (${session.revokedReason.replace(/_/g, ' ')})` : '';
  return <span class="badge badge-muted">{`${session.status}${why}`}</span>;
}

/**
 * The user's newest sessions, live and ended, with the device each signed in from; end one, or
 * all of them (the user may sign in again: a ban is what keeps them out).
 */
export function UserSessions({ user }: { user: AdminUserResponse }) {
  // A ban ends every session: read the list again when it changes.
  const sessions = useLoad(() => adminApi.listSessions(user.id), `${user.id}:${user.banned}`);
  const [status, setStatus] = useState<string | null>(null);
  return (
    <section class="panel" aria-labelledby="user-sessions">
      <h2 id="user-sessions">Sessions</h2>
      {sessions.error && <Notice kind="error">{sessions.error}</Notice>}
      {sessions.data === null ? (
        <p class="loading">Loading…</p>
      ) : sessions.data.length === 0 ? (
        <p>No sessions yet.</p>
      ) : (
        <ul class="list" aria-label="User sessions">
          {sessions.data.map((session) => (
            <li key={session.id} data-session-id={session.id}>
              <span class="item-text">
                {sessionDevice(session)}
                <SessionStatus session={session} />
                <br />
                <small>
                  Signed in {formatDate(session.createdAt)} · last active{' '}
                  {formatDate(session.lastActiveAt)}
                </small>
              </span>
              {session.status === 'active' && (
                <ConfirmButton
                  label={`End session ${sessionDevice(session)}`}
                  confirmLabel="Yes, end it"
                  onConfirm={async () => {
                    setStatus(null);
                    await adminApi.revokeSession(user.id, session.id);
                    setStatus('That session has ended.');
                    sessions.reload();
                  }}
                >
                  End session
                </ConfirmButton>
              )}
            </li>
          ))}
        </ul>
      )}
      {/* Also when the list shows none live: the user may have signed in since it was read. */}
      {!user.banned && (
        <div class="actions">
          <ConfirmButton
            confirmLabel="Yes, end every session"
            onConfirm={async () => {
              setStatus(null);
              await adminApi.revokeSessions(user.id);
              setStatus('Every session of this user has ended; they may sign in again.');
              sessions.reload();
            }}
          >
            End all sessions
          </ConfirmButton>
        </div>
      )}
      {status && <Notice>{status}</Notice>}
    </section>
  );
}
