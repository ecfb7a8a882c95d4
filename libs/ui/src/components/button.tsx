import type { ComponentChildren } from 'preact';

export interface ButtonProps {
  children: ComponentChildren;
  type?: 'button' | 'submit';
  kind?: 'primary' | 'secondary' | 'danger' | 'link';
  disabled?: boolean;
  onClick?: () => void;
  label?: string;
}

export function Button(props: ButtonProps) {
  return (
    <button
      type={props.type ?? 'button'}
      class={`button button-${props.kind ?? 'secondary'}`}
      disabled={props.disabled}
      aria-label={props.label}
      onClick={props.onClick}
    >
      {props.children}
    </button>
  );
}
