import type { ComponentChildren } from 'preact';

/** role=status (polite) for news, role=alert (assertive) for errors: screen readers announce both. */
export function Notice(props: { kind?: 'status' | 'error'; children: ComponentChildren }) {
  const error = props.kind === 'error';
  return (
    <div
      class={`notice ${error ? 'notice-error' : 'notice-status'}`}
      role={error ? 'alert' : 'status'}
    >
      {props.children}
    </div>
  );
}
