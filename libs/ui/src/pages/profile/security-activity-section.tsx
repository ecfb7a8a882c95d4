import type { SecurityActivityResponse, User } from '@userkit/client';
import { UserKitError } from '@userkit/client';
import { useEffect, useState } from 'preact/hooks';
import { describeActivity, describeDevice } from '../../audit-labels.js';
import { Button, errorMessage, Notice } from '../../components/index.js';
import { Section } from './section.js';

const PAGE_SIZE = 10;

/**
 * The user's own sign-ins (failed ones too), password and two-factor changes, newest first, from
 * the audit log. Hidden when the app has no UserAuditLogModule (the route answers 404).
 */
export function SecurityActivitySection({ user }: { user: User }) {
  const [entries, setEntries] = useState<SecurityActivityResponse[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [absent, setAbsent] = useState(false);
  const [busy, setBusy] = useState(false);

  const load = async (after: string | null) => {
    setBusy(true);
    try {
      const page = await user.getSecurityActivity({
        limit: PAGE_SIZE,
        ...(after ? { cursor: after } : {}),
      });
      setEntries((previous) => [...(after ? (previous ?? []) : []), ...page.data]);
      setCursor(page.nextCursor);
      setError(null);
    } catch (failure) {
      if (failure instanceof UserKitError && failure.status === 404) setAbsent(true);
      else setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    void load(null);
  }, [user.id]);

  if (absent) return null;
  return (
    <Section title="Security activity" id="security-activity">
      {error && <Notice kind="error">{error}</Notice>}
      {entries === null ? (
        <p class="loading">Loading…</p>
      ) : entries.length === 0 ? (
        <p>No sign-ins or security changes recorded yet.</p>
      ) : (
        <ul class="list" aria-label="Security activity">
          {entries.map((entry) => (
            <li key={entry.id} data-activity-type={entry.type}>
              <span class="item-text">
                {describeActivity(entry.type, entry.details)}
                {entry.currentSession && <span class="badge">This device</span>}
                <br />
                <small>
                  <time dateTime={entry.createdAt}>
                    {new Date(entry.createdAt).toLocaleString()}
                  </time>
                  {' · '}
                  {describeDevice(entry.userAgent, entry.ip)}
                </small>
              </span>
            </li>
          ))}
        </ul>
      )}
      {cursor && (
        <Button disabled={busy} onClick={() => void load(cursor)}>
          Show older activity
        </Button>
      )}
    </Section>
  );
}
