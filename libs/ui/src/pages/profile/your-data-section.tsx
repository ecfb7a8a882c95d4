import type { User } from '@userkit/client';
import { useState } from 'preact/hooks';
import { Button, ConfirmButton, errorMessage, Notice } from '../../components/index.js';
import { config } from '../../config.js';
import { Section } from './section.js';

/** Hands the export to the browser as a file: no new tab, nothing inline (the pages' CSP). */
function saveAsFile(name: string, data: unknown): void {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click returned; the URL is not needed after.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * A copy of everything the app holds about the user (GET /me/export), and deleting the account
 * (DELETE /me: it needs a recent sign-in, whose message the confirm button shows). The delete
 * button is left out when the app turned `selfDeletion` off.
 */
export function YourDataSection({ user }: { user: User }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      saveAsFile(`account-data-${user.id}.json`, await user.exportData());
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title="Your data" id="your-data">
      {error && <Notice kind="error">{error}</Notice>}
      <p>Everything this app holds about you, as a JSON file.</p>
      <Button disabled={busy} onClick={() => void download()}>
        Download my data
      </Button>
      {config.selfDeletion && (
        <>
          <p>Deleting your account removes it and everything in it at once. It cannot be undone.</p>
          <ConfirmButton
            confirmLabel="Yes, delete my account"
            onConfirm={() => user.deleteAccount()}
          >
            Delete account
          </ConfirmButton>
        </>
      )}
    </Section>
  );
}
