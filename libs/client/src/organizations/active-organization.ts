import type { ActiveOrganizationResponse } from '../generated/api-types.js';

/**
 * The organization the current session works in (`client.activeOrganization`): what
 * `PUT /me/session/organization` set, with your role and its permissions. All null (and `[]`)
 * when none is set.
 */
export interface ActiveOrganization {
  orgId: string | null;
  orgSlug: string | null;
  orgRole: string | null;
  orgPermissions: string[];
}

export const NO_ACTIVE_ORGANIZATION: ActiveOrganization = Object.freeze({
  orgId: null,
  orgSlug: null,
  orgRole: null,
  orgPermissions: [],
}) as ActiveOrganization;

export function activeOrganizationOf(response: ActiveOrganizationResponse): ActiveOrganization {
  return response.organizationId === null
    ? NO_ACTIVE_ORGANIZATION
    : {
        orgId: response.organizationId,
        orgSlug: response.slug,
        orgRole: response.role,
        orgPermissions: [...response.permissions],
      };
}

/** What `client.organizations` tells the client about the session's organization. */
export interface ActiveOrganizationState {
  /** The organization of the session as the client knows it. */
  current(): ActiveOrganization;
  /** The API answered what the session's organization is now. */
  changed(active: ActiveOrganization): void;
  /** The signed-in user's id, or null. */
  userId(): string | null;
}
