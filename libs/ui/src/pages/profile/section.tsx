import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

/** One titled panel of the profile page (a labelled region for screen readers). */
export function Section(props: { title: string; children: ComponentChildren; id?: string }) {
  const id = useId();
  return (
    <section class="panel" aria-labelledby={id} id={props.id}>
      <h2 id={id}>{props.title}</h2>
      {props.children}
    </section>
  );
}
