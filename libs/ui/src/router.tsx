import type { ComponentChildren, ComponentType, VNode } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { config } from './config.js';

/** History-API router under the UI base path (e.g. /account). */
export interface RouteProps {
  params: Record<string, string>;
  query: URLSearchParams;
}

export interface Route {
  /** Relative to the base, e.g. '/admin/users/:id'. */
  path: string;
  component: ComponentType<RouteProps>;
  /** The shell redirects to sign-in / shows "not allowed". */
  requires?: 'user' | 'admin';
  /** document.title and the focus target's text. */
  title: string;
}

const listeners = new Set<() => void>();

/** `/profile` → `/account/profile`. */
export function href(to: string): string {
  if (/^[a-z]+:/i.test(to)) return to;
  return `${config.basePath}${to.startsWith('/') ? to : `/${to}`}`;
}

/** Relative to the base; `replace` swaps the history entry (redirects). */
export function navigate(to: string, options?: { replace?: boolean }): void {
  const target = href(to);
  if (options?.replace) history.replaceState(null, '', target);
  else history.pushState(null, '', target);
  for (const listener of listeners) listener();
}

export function Link(props: { href: string; class?: string; children: ComponentChildren }): VNode {
  return (
    <a
      href={href(props.href)}
      class={props.class}
      onClick={(event) => {
        if (event.defaultPrevented || event.button !== 0) return;
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(props.href);
      }}
    >
      {props.children}
    </a>
  );
}

/** The current location relative to the base: `{ path, query }`; re-renders on navigation. */
export function useLocation(): { path: string; query: URLSearchParams } {
  const [, setTick] = useState(0);
  useEffect(() => {
    const update = () => setTick((tick) => tick + 1);
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  const path = location.pathname.startsWith(config.basePath)
    ? location.pathname.slice(config.basePath.length) || '/'
    : '/';
  return { path, query: new URLSearchParams(location.search) };
}

/** `/admin/users/:id` against `/admin/users/42` → `{ id: '42' }`, or null. */
export function matchRoute(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(have[i]);
    else if (want[i] !== have[i]) return null;
  }
  return params;
}
