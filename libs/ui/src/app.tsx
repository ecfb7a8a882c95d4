import { useEffect } from 'preact/hooks';
import { adminRoutes } from './admin/routes.js';
import { PageHeading } from './components/index.js';
import { ImpersonationBanner } from './components/impersonation-banner.js';
import { UserButton } from './components/user-button.js';
import { Link, matchRoute, navigate, useLocation, type Route } from './router.js';
import { accountRoutes } from './pages/routes.js';
import { useUser } from './session.js';

const routes: Route[] = [...accountRoutes, ...adminRoutes];

function NotFound() {
  return (
    <section>
      <PageHeading>Page not found</PageHeading>
      <p>
        <Link href="/">Back to your account</Link>
      </p>
    </section>
  );
}

/** The shell: header with the user menu, the matched page, sign-in redirects and "not allowed". */
export function App() {
  const { path, query } = useLocation();
  const user = useUser();
  const found = routes
    .map((route) => ({ route, params: matchRoute(route.path, path) }))
    .find((entry) => entry.params !== null);
  const route = found?.route;
  const needsSignIn = route?.requires !== undefined && user === null;

  useEffect(() => {
    document.title = route ? `${route.title} · Account` : 'Page not found · Account';
  }, [route]);
  useEffect(() => {
    if (needsSignIn)
      navigate(`/sign-in?next=${encodeURIComponent(path + location.search)}`, { replace: true });
  }, [needsSignIn, path]);

  let body;
  if (!route) body = <NotFound />;
  else if (route.requires && user === undefined)
    body = (
      <p class="loading" role="status">
        Loading…
      </p>
    );
  else if (needsSignIn) body = null;
  else if (route.requires === 'admin' && !user?.roles.includes('admin'))
    body = (
      <section>
        <PageHeading>Not allowed</PageHeading>
        <p>This page is for administrators.</p>
      </section>
    );
  else {
    const Page = route.component;
    // key: a new page mounts anew, so its heading takes the focus.
    body = <Page key={path} params={found.params ?? {}} query={query} />;
  }

  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <Link href="/" class="brand">
          Account
        </Link>
        <UserButton />
      </header>
      {user && <ImpersonationBanner user={user} />}
      <main id="main" class="content">
        {body}
      </main>
    </div>
  );
}
