import type { User } from '@userkit/client';
import { useState } from 'preact/hooks';
import {
  ActionButton,
  CodeField,
  ConfirmButton,
  Field,
  Form,
  Notice,
  ResendCode,
} from '../../components/index.js';
import { Section } from './section.js';

interface Identifier {
  id: string;
  value: string;
  verified: boolean;
  primary: boolean;
}

/** What differs between the email and the phone list: the calls and the words. */
interface IdentifierKind {
  title: string;
  noun: string;
  addLabel: string;
  field: { label: string; type: 'email' | 'tel'; autoComplete: string; hint?: string };
  list(user: User): Identifier[];
  add(user: User, value: string): Promise<{ id: string }>;
  verify(user: User, id: string, code: string): Promise<unknown>;
  resend(user: User, id: string): Promise<unknown>;
  primary(user: User, id: string): Promise<unknown>;
  remove(user: User, id: string): Promise<unknown>;
}

export const EMAILS: IdentifierKind = {
  title: 'Email addresses',
  noun: 'email address',
  addLabel: 'Add an email address',
  field: { label: 'New email address', type: 'email', autoComplete: 'email' },
  list: (user) =>
    user.emailAddresses.map((e) => ({
      id: e.id,
      value: e.email,
      verified: e.verified,
      primary: e.primary,
    })),
  add: (user, value) => user.createEmailAddress({ email: value }),
  verify: (user, id, code) => user.verifyEmailAddress(id, { code }),
  resend: (user, id) => user.resendEmailVerification(id),
  primary: (user, id) => user.setPrimaryEmailAddress(id),
  remove: (user, id) => user.deleteEmailAddress(id),
};

export const PHONES: IdentifierKind = {
  title: 'Phone numbers',
  noun: 'phone number',
  addLabel: 'Add a phone number',
  field: {
    label: 'New phone number',
    type: 'tel',
    autoComplete: 'tel',
    hint: 'In international format, e.g. +44 20 7946 0958',
  },
  list: (user) =>
    user.phoneNumbers.map((p) => ({
      id: p.id,
      value: p.phoneNumber,
      verified: p.verified,
      primary: p.primary,
    })),
  add: (user, value) => user.createPhoneNumber({ phoneNumber: value }),
  verify: (user, id, code) => user.verifyPhoneNumber(id, { code }),
  resend: (user, id) => user.resendPhoneVerification(id),
  primary: (user, id) => user.setPrimaryPhoneNumber(id),
  remove: (user, id) => user.deletePhoneNumber(id),
};

/** A list of addresses or numbers: add, verify by code, make primary, remove. */
export function IdentifiersSection({ user, kind }: { user: User; kind: IdentifierKind }) {
  const [value, setValue] = useState('');
  const [verifying, setVerifying] = useState<string | null>(null);
  // The item whose code went out with its adding: its verify form says so until it is verified.
  const [justAdded, setJustAdded] = useState<string | null>(null);
  const items = kind.list(user);
  return (
    <Section title={kind.title}>
      {items.length === 0 ? (
        <p>No {kind.noun} yet.</p>
      ) : (
        <ul class="list">
          {items.map((item) => (
            <li key={item.id}>
              <span class="item-text">
                {item.value}
                {item.primary && <span class="badge">Primary</span>}
                {item.verified ? (
                  <span class="badge">Verified</span>
                ) : (
                  <span class="badge badge-warn">Unverified</span>
                )}
              </span>
              <span class="actions">
                {!item.verified && verifying !== item.id && (
                  <ActionButton onClick={async () => setVerifying(item.id)}>Verify</ActionButton>
                )}
                {item.verified && !item.primary && (
                  <ActionButton
                    onClick={() => kind.primary(user, item.id)}
                    label={`Make ${item.value} primary`}
                  >
                    Make primary
                  </ActionButton>
                )}
                <ConfirmButton
                  onConfirm={() => kind.remove(user, item.id)}
                  label={`Remove ${item.value}`}
                >
                  Remove
                </ConfirmButton>
              </span>
              {verifying === item.id && (
                <VerifyForm
                  target={item.value}
                  sent={justAdded === item.id}
                  onVerify={async (code) => {
                    await kind.verify(user, item.id, code);
                    setVerifying(null);
                    setJustAdded(null);
                  }}
                  onResend={() => kind.resend(user, item.id)}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      <Form
        class="inline"
        submitLabel="Add"
        label={kind.addLabel}
        onSubmit={async () => {
          const added = await kind.add(user, value.trim());
          setValue('');
          setVerifying(added.id);
          setJustAdded(added.id);
        }}
      >
        <Field
          label={kind.field.label}
          name={kind.field.type}
          type={kind.field.type}
          value={value}
          onValue={setValue}
          autoComplete={kind.field.autoComplete}
          hint={kind.field.hint}
          required
        />
      </Form>
    </Section>
  );
}

function VerifyForm(props: {
  target: string;
  /** A code was just sent with the adding. */
  sent: boolean;
  onVerify: (code: string) => Promise<void>;
  onResend: () => Promise<unknown>;
}) {
  const [code, setCode] = useState('');
  const [resent, setResent] = useState(false);
  return (
    <div class="verify">
      {props.sent && !resent && (
        <Notice>We sent a code to {props.target}: enter it to verify.</Notice>
      )}
      <Form
        class="inline"
        submitLabel="Verify"
        label={`Verify ${props.target}`}
        onSubmit={() => props.onVerify(code.trim())}
      >
        <CodeField sentTo={props.target} value={code} onValue={setCode} />
      </Form>
      <ResendCode onResend={props.onResend} onResent={() => setResent(true)} />
    </div>
  );
}
