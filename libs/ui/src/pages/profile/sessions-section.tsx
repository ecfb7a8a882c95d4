import type { SessionWithActivities, User } from '@userkit/client';
import { useEffect, useState } from 'preact/hooks';
import { ConfirmButton, errorMessage, Notice, sessionDevice } from '../../components/index.js';
import { Section } from './section.js';

/** Live sessions; any but this one can be signed out. */
export function SessionsSection({ user }: { user: User }) {
  const [sessions, setSessions] = useState<SessionWithActivities[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    user
      .getSessions()
      .then(setSessions)
      .catch((failure) => setError(errorMessage(failure)));
  useEffect(() => {
    void load();
  }, [user.id]);
  return (
    <Section title="Signed-in devices">
      {error && <Notice kind="error">{error}</Notice>}
      {sessions === null ? (
        <p class="loading">Loading…</p>
      ) : (
        <ul class="list" aria-label="Sessions">
          {sessions.map((session) => (
            <li key={session.id} data-session-id={session.id}>
              <span class="item-text">
                {sessionDevice(session)}
                {session.current && <span class="badge">This device</span>}
                <br />
                <small>
                  Signed in {new Date(session.createdAt).toLocaleString()} · last active{' '}
                  {new Date(session.lastActiveAt).toLocaleString()}
                </small>
              </span>
              {!session.current && (
                <ConfirmButton
                  label={`Sign out ${sessionDevice(session)}`}
                  onConfirm={async () => {
                    await user.revokeSession(session.id);
                    await load();
                  }}
                >
                  Sign out
                </ConfirmButton>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
