import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Button } from './button.js';
import { errorMessage } from './error-message.js';
import { Notice } from './notice.js';

/** A destructive action in two steps (the first click asks, the second does it). */
export function ConfirmButton(props: {
  children: ComponentChildren;
  confirmLabel?: string;
  onConfirm: () => Promise<unknown>;
  label?: string;
}) {
  const [asking, setAsking] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!asking)
    return (
      <span class="confirm">
        <Button kind="danger" label={props.label} onClick={() => setAsking(true)}>
          {props.children}
        </Button>
        {error && <Notice kind="error">{error}</Notice>}
      </span>
    );
  return (
    <span class="confirm" role="group" aria-label="Confirm">
      <Button
        kind="danger"
        disabled={pending}
        onClick={async () => {
          setPending(true);
          setError(null);
          try {
            await props.onConfirm();
          } catch (failure) {
            setError(errorMessage(failure));
          } finally {
            setPending(false);
            setAsking(false);
          }
        }}
      >
        {props.confirmLabel ?? 'Yes, do it'}
      </Button>
      <Button onClick={() => setAsking(false)}>Cancel</Button>
    </span>
  );
}
