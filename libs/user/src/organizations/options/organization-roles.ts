/** The built-in roles of a membership. Every organization has at least one `owner`. */
export const OWNER_ROLE = 'owner';
export const ADMIN_ROLE = 'admin';
export const MEMBER_ROLE = 'member';

/**
 * The permissions the library's own organization routes check. A host's roles and routes use
 * any other strings too (`projects:write`); only these are given to `admin` by default.
 */
export const ORGANIZATION_PERMISSIONS = {
  update: 'organization:update',
  delete: 'organization:delete',
  manageMembers: 'members:manage',
  manageInvitations: 'invitations:manage',
} as const;

/** `owner` holds every permission, the host's own included. */
export const EVERY_PERMISSION = '*';

/** The built-in roles' permissions, before the options add to `admin` and `member`. */
export const BUILT_IN_ROLE_PERMISSIONS: Readonly<Record<string, readonly string[]>> = {
  [OWNER_ROLE]: [EVERY_PERMISSION],
  [ADMIN_ROLE]: [
    ORGANIZATION_PERMISSIONS.update,
    ORGANIZATION_PERMISSIONS.manageMembers,
    ORGANIZATION_PERMISSIONS.manageInvitations,
  ],
  [MEMBER_ROLE]: [],
};

/** A role name: lower-case letters, digits, `_` and `-`, starting with a letter (`billing`). */
export const ORGANIZATION_ROLE_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/;

/** A permission: `resource:action` words (`projects:write`, `invoices:read`). */
export const ORGANIZATION_PERMISSION_PATTERN = /^[a-z][a-z0-9_-]*(:[a-z][a-z0-9_-]*)*$/;
