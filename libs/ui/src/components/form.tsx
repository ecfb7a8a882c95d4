import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Button } from './button.js';
import { errorMessage } from './error-message.js';
import { Notice } from './notice.js';

export interface FormProps {
  /** Resolves a success text to announce, or nothing. */
  onSubmit: () => Promise<string | void>;
  submitLabel: string;
  children?: ComponentChildren;
  /** Accessible name of the form. */
  label?: string;
  class?: string;
}

/** Submits, disables its button while pending and announces the API's error or the success text. */
export function Form(props: FormProps) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  return (
    <form
      class={`form ${props.class ?? ''}`}
      aria-label={props.label}
      noValidate={false}
      onSubmit={async (event) => {
        event.preventDefault();
        if (pending) return;
        setPending(true);
        setError(null);
        setDone(null);
        try {
          const message = await props.onSubmit();
          if (message) setDone(message);
        } catch (failure) {
          setError(errorMessage(failure));
        } finally {
          setPending(false);
        }
      }}
    >
      {props.children}
      {error && <Notice kind="error">{error}</Notice>}
      {done && <Notice>{done}</Notice>}
      <Button type="submit" kind="primary" disabled={pending}>
        {pending ? 'Please wait…' : props.submitLabel}
      </Button>
    </form>
  );
}
