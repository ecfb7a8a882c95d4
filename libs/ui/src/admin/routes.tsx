import type { Route } from '../router.js';

/** The admin console's pages (owned by the ui-admin work; a placeholder until it lands). */
export const adminRoutes: Route[] = [];
