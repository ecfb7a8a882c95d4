import { useState } from 'preact/hooks';
import { ActionButton } from './action-button.js';
import { Field } from './field.js';
import { Notice } from './notice.js';

/** The 6-digit code a message brought, labelled with where it went. */
export function CodeField(props: { sentTo: string; value: string; onValue(value: string): void }) {
  return (
    <Field
      label={`Code sent to ${props.sentTo}`}
      name="code"
      value={props.value}
      onValue={props.onValue}
      autoComplete="one-time-code"
      inputMode="numeric"
      required
    />
  );
}

/** "Send a new code", then the news that the previous one no longer works. */
export function ResendCode(props: { onResend(): Promise<unknown>; onResent?(): void }) {
  const [resent, setResent] = useState(false);
  return (
    <>
      <ActionButton
        kind="link"
        onClick={async () => {
          await props.onResend();
          setResent(true);
          props.onResent?.();
        }}
      >
        Send a new code
      </ActionButton>
      {resent && <Notice>A new code is on its way; the previous one no longer works.</Notice>}
    </>
  );
}
