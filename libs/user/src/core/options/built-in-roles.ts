import type { RoleDefinition } from './user-module-options.js';

export const ADMIN_ROLE = 'admin';
export const USER_ROLE = 'user';
export const ANONYMOUS_ROLE = 'anonymous';

export const BUILT_IN_ROLES: RoleDefinition[] = [
  { name: ADMIN_ROLE, description: 'Manages users, roles and the profile schema' },
  { name: USER_ROLE, description: 'A signed-up user' },
  { name: ANONYMOUS_ROLE, description: 'A guest who has not given an email yet' },
];

export const ROLE_NAME_PATTERN = /^[a-z][a-z0-9_:-]{0,62}$/;
