import { useEffect } from 'preact/hooks';
import { navigate, type Route } from '../router.js';
import './admin.css';
import { AttributesPage } from './attributes-page.js';
import { AuditLogPage } from './audit-log-page.js';
import { OrganizationPage } from './organization-page.js';
import { OrganizationsPage } from './organizations-page.js';
import { RolesPage } from './roles-page.js';
import { UserPage } from './user-page.js';
import { UsersPage } from './users-page.js';
import { WebhooksPage } from './webhooks-page.js';

/** `/admin` is the users list under its own address (one page instance, one paging history). */
function AdminHome() {
  useEffect(() => navigate('/admin/users', { replace: true }), []);
  return null;
}

/** The admin console: every page needs the admin role (the API checks it again on each call). */
export const adminRoutes: Route[] = [
  { path: '/admin', component: AdminHome, requires: 'admin', title: 'Users' },
  { path: '/admin/users', component: UsersPage, requires: 'admin', title: 'Users' },
  { path: '/admin/users/:id', component: UserPage, requires: 'admin', title: 'User' },
  { path: '/admin/attributes', component: AttributesPage, requires: 'admin', title: 'Attributes' },
  { path: '/admin/roles', component: RolesPage, requires: 'admin', title: 'Roles' },
  { path: '/admin/audit-log', component: AuditLogPage, requires: 'admin', title: 'Audit log' },
  { path: '/admin/webhooks', component: WebhooksPage, requires: 'admin', title: 'Webhooks' },
  {
    path: '/admin/organizations',
    component: OrganizationsPage,
    requires: 'admin',
    title: 'Organizations',
  },
  {
    path: '/admin/organizations/:id',
    component: OrganizationPage,
    requires: 'admin',
    title: 'Organization',
  },
];
