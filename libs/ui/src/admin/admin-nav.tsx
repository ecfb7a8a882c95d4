import { config } from '../config.js';
import { href, navigate } from '../router.js';

const SECTIONS = [
  { path: '/admin/users', key: 'users', label: 'Users' },
  { path: '/admin/attributes', key: 'attributes', label: 'Attributes' },
  { path: '/admin/roles', key: 'roles', label: 'Roles' },
  { path: '/admin/audit-log', key: 'audit-log', label: 'Audit log' },
  { path: '/admin/webhooks', key: 'webhooks', label: 'Webhooks' },
  { path: '/admin/organizations', key: 'organizations', label: 'Organizations' },
] as const;

/**
 * The console's sections; the current one carries aria-current (the shared Link has no such
 * prop, so these are plain links navigating the same way).
 */
export function AdminNav(props: { current: (typeof SECTIONS)[number]['key'] }) {
  return (
    <nav class="admin-nav" aria-label="Admin console">
      <ul>
        {SECTIONS.filter(
          // Only where the server has organizations (UserOrganizationsModule).
          (section) => section.key !== 'organizations' || config.organizations,
        ).map((section) => (
          <li key={section.key}>
            <a
              href={href(section.path)}
              aria-current={section.key === props.current ? 'page' : undefined}
              onClick={(event) => {
                if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
                event.preventDefault();
                navigate(section.path);
              }}
            >
              {section.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
