import { useEffect, useRef, useState } from 'preact/hooks';
import { Link, navigate, useLocation } from '../router.js';
import { client, useUser } from '../session.js';

/** The signed-in user's menu (profile, admin, sign out), or a sign-in link. */
export function UserButton() {
  const user = useUser();
  const [open, setOpen] = useState(false);
  const menu = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('a,button')?.focus();
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent) {
        if (event.key !== 'Escape') return;
        // Keyboard users get the focus back where they opened the menu.
        toggle.current?.focus();
      }
      if (
        event instanceof MouseEvent &&
        menu.current?.parentElement?.contains(event.target as Node)
      )
        return;
      setOpen(false);
    };
    document.addEventListener('keydown', close);
    document.addEventListener('click', close);
    return () => {
      document.removeEventListener('keydown', close);
      document.removeEventListener('click', close);
    };
  }, [open]);
  const { path } = useLocation();
  if (user === undefined) return null;
  if (user === null) {
    // The sign-in page needs no link to itself.
    if (path === '/sign-in') return null;
    return (
      <Link href="/sign-in" class="button button-secondary">
        Sign in
      </Link>
    );
  }
  const fullName = [user.firstName, user.lastName].filter(Boolean).join(' ');
  const name =
    user.displayName || fullName || user.primaryEmail || (user.isAnonymous ? 'Guest' : 'Account');
  return (
    <div class="user-button">
      <button
        type="button"
        ref={toggle}
        class="button button-secondary user-button-toggle"
        aria-expanded={open}
        aria-haspopup="true"
        aria-label={`Account menu: ${name}`}
        onClick={() => setOpen(!open)}
      >
        {user.picture ? <img src={user.picture} alt="" class="avatar" /> : null}
        <span>{name}</span>
      </button>
      {open && (
        <div class="user-menu" ref={menu} onClick={() => setOpen(false)}>
          <Link href="/">Profile</Link>
          {user.roles.includes('admin') && <Link href="/admin">Admin console</Link>}
          <button
            type="button"
            class="button button-link"
            onClick={async () => {
              await client.signOut().catch(() => undefined);
              navigate('/sign-in');
            }}
          >
            Sign out
          </button>
        </div>
      )}
    </div>
  );
}
