import type { Organization } from '../entities/organization.entity.js';

/** What the organization guard found, as `@CurrentOrganization()` hands it to a host route. */
export interface CurrentOrganizationMembership {
  organization: Organization;
  /** The signed-in user's role in it. */
  role: string;
  /** The role's permissions (`*`: the owner's, every one). */
  permissions: string[];
}

/** Where on the request the guard leaves it (a symbol: no clash with the host's own fields). */
const CURRENT_ORGANIZATION = Symbol('UserKit.CurrentOrganization');

export function attachCurrentOrganization(
  request: object,
  membership: CurrentOrganizationMembership,
): void {
  (request as Record<symbol, unknown>)[CURRENT_ORGANIZATION] = membership;
}

export function currentOrganizationOf(request: object): CurrentOrganizationMembership | undefined {
  return (request as Record<symbol, unknown>)[CURRENT_ORGANIZATION] as
    CurrentOrganizationMembership | undefined;
}
