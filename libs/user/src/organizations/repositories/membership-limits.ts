import type { EntityManager } from '@mikro-orm/core';
import { lockUserRow } from '../../core/sql/user-row-lock.js';
import { OrganizationMembership } from '../entities/organization-membership.entity.js';
import { lockOrganizationRow } from './organization-row-lock.js';

/** The module's limits; null: none. */
export interface MembershipLimits {
  organizationsPerUser: number | null;
  membersPerOrganization: number | null;
}

/** Why a new membership would break a limit, or null when it fits. */
export type LimitBreach = 'user_limit' | 'organization_limit' | null;

/**
 * Inside a transaction about to add the user to the organization (null: a new one): locks what
 * the counts read (the organization's row, then the user's, always in this order) so that two
 * joins at once cannot both see room for one, and says which limit, if any, the join would pass.
 */
export async function checkMembershipLimits(
  em: EntityManager,
  limits: MembershipLimits,
  userId: string,
  organizationId: string | null,
): Promise<LimitBreach> {
  if (organizationId !== null && limits.membersPerOrganization !== null) {
    await lockOrganizationRow(em, organizationId);
    const members = await em.count(OrganizationMembership, { organization: organizationId });
    if (members >= limits.membersPerOrganization) return 'organization_limit';
  }
  if (limits.organizationsPerUser !== null) {
    await lockUserRow(em, userId);
    const organizations = await em.count(OrganizationMembership, { user: userId });
    if (organizations >= limits.organizationsPerUser) return 'user_limit';
  }
  return null;
}
