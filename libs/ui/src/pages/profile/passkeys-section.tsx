import type { PasskeyResponse, User } from '@userkit/client';
import { useEffect, useState } from 'preact/hooks';
import {
  Button,
  ConfirmButton,
  errorMessage,
  Field,
  Form,
  Notice,
} from '../../components/index.js';
import { Section } from './section.js';

/**
 * Passkeys (UserPasskeysModule): add one with this device's authenticator, rename, remove. Adding
 * and removing need a recent sign-in: the API's message (sign in again) is shown next to the button,
 * as for the other recent-sign-in actions.
 */
export function PasskeysSection({ user }: { user: User }) {
  const [passkeys, setPasskeys] = useState<PasskeyResponse[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const [newName, setNewName] = useState('');
  const load = () =>
    user
      .getPasskeys()
      .then((list) => {
        setPasskeys(list);
        setError(null);
      })
      .catch((failure) => setError(errorMessage(failure)));
  useEffect(() => {
    void load();
  }, [user.id]);

  return (
    <Section title="Passkeys">
      <p>Sign in with your device's screen lock, fingerprint or face instead of a password.</p>
      {error && <Notice kind="error">{error}</Notice>}
      {added && <Notice>Passkey “{added}” added.</Notice>}
      {passkeys === null && !error && <p class="loading">Loading…</p>}
      {passkeys?.length === 0 && <p>No passkey yet.</p>}
      {passkeys && passkeys.length > 0 && (
        <ul class="list" aria-label="Your passkeys">
          {passkeys.map((passkey) => (
            <PasskeyItem key={passkey.id} user={user} passkey={passkey} reload={load} />
          ))}
        </ul>
      )}
      <Form
        class="inline"
        submitLabel="Add a passkey"
        label="Add a passkey"
        onSubmit={async () => {
          setAdded(null);
          const name = newName.trim();
          const passkey = await user.createPasskey(name ? { name } : {});
          setNewName('');
          await load();
          setAdded(passkey.name);
        }}
      >
        <Field
          label="Name of the new passkey (optional)"
          name="passkeyName"
          value={newName}
          onValue={setNewName}
          hint="To tell your passkeys apart, e.g. “Work laptop”."
        />
      </Form>
    </Section>
  );
}

/** One passkey: its name, when it was added and last used; rename (inline form) and remove. */
function PasskeyItem(props: { user: User; passkey: PasskeyResponse; reload: () => Promise<void> }) {
  const { user, passkey, reload } = props;
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(passkey.name);
  return (
    <li data-passkey-id={passkey.id}>
      <span class="item-text">
        {passkey.name}
        {passkey.backedUp && <span class="badge">Synced</span>}
        <br />
        <small>
          Added {new Date(passkey.createdAt).toLocaleString()} ·{' '}
          {passkey.lastUsedAt
            ? `last used ${new Date(passkey.lastUsedAt).toLocaleString()}`
            : 'never used to sign in'}
        </small>
      </span>
      {renaming ? (
        <Form
          class="inline"
          submitLabel="Save"
          label={`Rename ${passkey.name}`}
          onSubmit={async () => {
            await user.updatePasskey(passkey.id, { name: name.trim() });
            setRenaming(false);
            await reload();
          }}
        >
          <Field
            label={`New name for ${passkey.name}`}
            name="name"
            value={name}
            onValue={setName}
            required
          />
          <Button onClick={() => setRenaming(false)}>Cancel</Button>
        </Form>
      ) : (
        <Button
          label={`Rename ${passkey.name}`}
          onClick={() => {
            setName(passkey.name);
            setRenaming(true);
          }}
        >
          Rename
        </Button>
      )}
      <ConfirmButton
        label={`Remove ${passkey.name}`}
        confirmLabel="Yes, remove it"
        onConfirm={async () => {
          await user.deletePasskey(passkey.id);
          await reload();
        }}
      >
        Remove
      </ConfirmButton>
    </li>
  );
}
