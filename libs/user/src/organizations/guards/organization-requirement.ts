/** What a host route asks of the caller's membership (set by the decorators, read by the guard). */
export interface OrganizationRequirement {
  /** Any of these roles (the owner passes every role check); empty: any member. */
  roles: string[];
  /** Every one of these permissions. */
  permissions: string[];
  /** The route parameter with the organization's id; unset: the module's `routeParam`. */
  param?: string;
}

export const ORGANIZATION_REQUIREMENT = 'userkit:organizationRequirement';
