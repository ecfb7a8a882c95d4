import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Button } from './button.js';
import { errorMessage } from './error-message.js';
import { Notice } from './notice.js';

/** A button running one async call; disabled while it runs, its error announced next to it. */
export function ActionButton(props: {
  children: ComponentChildren;
  onClick: () => Promise<unknown>;
  kind?: 'primary' | 'secondary' | 'danger' | 'link';
  label?: string;
}) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <span class="action">
      <Button
        kind={props.kind}
        label={props.label}
        disabled={pending}
        onClick={async () => {
          setPending(true);
          setError(null);
          try {
            await props.onClick();
          } catch (failure) {
            setError(errorMessage(failure));
          } finally {
            setPending(false);
          }
        }}
      >
        {props.children}
      </Button>
      {error && <Notice kind="error">{error}</Notice>}
    </span>
  );
}
