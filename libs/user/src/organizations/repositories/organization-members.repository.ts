import {
  EntityManager,
  ForeignKeyConstraintViolationException,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { isPostgres } from '../../core/sql/sql-dialect-of.js';
import { OrganizationMembership } from '../entities/organization-membership.entity.js';
import { OWNER_ROLE } from '../options/organization-roles.js';
import {
  checkMembershipLimits,
  type LimitBreach,
  type MembershipLimits,
} from './membership-limits.js';
import { lockOrganizationRow } from './organization-row-lock.js';

/** One member as the members page shows them: the membership and a few of the user's values. */
export interface MemberRow {
  userId: string;
  role: string;
  joinedAt: Date;
  email: string | null;
  username: string | null;
  displayName: string | null;
  firstName: string | null;
  lastName: string | null;
}

/** What a change of a membership found: its role before, or why it did not happen. */
export type MembershipChange =
  | { outcome: 'changed'; previousRole: string }
  | { outcome: 'not_found' }
  | { outcome: 'last_owner' };

/** The memberships of organizations: the members page, role changes and removals. */
@Injectable()
export class OrganizationMembersRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Members in the order they joined, after the cursor (the previous page's last one), with each
   * user's primary email address: one index range read of (organization_id, created_at, user_id).
   */
  async page(
    organizationId: string,
    after: { createdAt: Date; id: string } | undefined,
    limit: number,
    search?: string,
  ): Promise<MemberRow[]> {
    const postgres = isPostgres(this.em);
    const time = (date: Date) => (postgres ? date : date.getTime());
    const params: unknown[] = [organizationId];
    let range = '';
    if (after) {
      range = 'and (m.created_at, m.user_id) > (?, ?)';
      params.push(time(after.createdAt), after.id);
    }
    if (search) {
      // Any part of the name, username or an address (verified or primary), case-insensitively.
      const pattern = `%${search.toLowerCase().replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
      const like = (column: string) => `lower(${column}) like ? escape '\\'`;
      range += ` and (${['u.display_name', 'u.first_name', 'u.last_name', 'u.username'].map(like).join(' or ')}
        or exists (select 1 from userkit_email_addresses s where s.user_id = m.user_id and (s.verified = ${postgres ? 'true' : '1'} or s."primary" = ${postgres ? 'true' : '1'}) and ${like('s.normalized_email')}))`;
      params.push(pattern, pattern, pattern, pattern, pattern);
    }
    const primary = postgres ? 'true' : '1';
    const rows = (await this.em.getConnection().execute(
      `select m.user_id, m.role, m.created_at, u.username, u.display_name, u.first_name, u.last_name,
         (select e.email from userkit_email_addresses e where e.user_id = m.user_id and e."primary" = ${primary} limit 1) as email
       from userkit_organization_memberships m join userkit_users u on u.id = m.user_id
       where m.organization_id = ? ${range}
       order by m.created_at, m.user_id limit ?`,
      [...params, limit] as never[],
    )) as Record<string, unknown>[];
    return rows.map((row) => ({
      userId: String(row.user_id),
      role: String(row.role),
      joinedAt: new Date(row.created_at as string | number | Date),
      email: (row.email as string | null) ?? null,
      username: (row.username as string | null) ?? null,
      displayName: (row.display_name as string | null) ?? null,
      firstName: (row.first_name as string | null) ?? null,
      lastName: (row.last_name as string | null) ?? null,
    }));
  }

  /**
   * Makes the user a member (in a savepoint of its own). The unique constraint decides a race of
   * two adds; `not_found`: no such organization or user.
   */
  async add(
    organizationId: string,
    userId: string,
    role: string,
    limits: MembershipLimits,
  ): Promise<'added' | 'already_member' | 'not_found' | NonNullable<LimitBreach>> {
    try {
      return await this.em.transactional(async (em) => {
        const breach = await checkMembershipLimits(em, limits, userId, organizationId);
        if (breach) return breach;
        em.create(OrganizationMembership, { organization: organizationId, user: userId, role });
        await em.flush();
        return 'added' as const;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) return 'already_member';
      if (error instanceof ForeignKeyConstraintViolationException) return 'not_found';
      throw error;
    }
  }

  /**
   * Gives the member another role. Under the organization's lock, so that the last owner is never
   * demoted, even by two owners demoting each other at once.
   */
  async changeRole(
    organizationId: string,
    userId: string,
    role: string,
  ): Promise<MembershipChange> {
    return this.em.transactional(async (em) => {
      if (!(await lockOrganizationRow(em, organizationId))) return { outcome: 'not_found' };
      const membership = await em.findOne(OrganizationMembership, {
        organization: organizationId,
        user: userId,
      });
      if (!membership) return { outcome: 'not_found' };
      const previousRole = membership.role;
      if (
        previousRole === OWNER_ROLE &&
        role !== OWNER_ROLE &&
        (await this.ownersOf(em, organizationId)) <= 1
      )
        return { outcome: 'last_owner' };
      await em.nativeUpdate(OrganizationMembership, { id: membership.id }, { role });
      return { outcome: 'changed', previousRole };
    });
  }

  /** Removes the member (or the member leaves), never the last owner; under the same lock. */
  async remove(organizationId: string, userId: string): Promise<MembershipChange> {
    return this.em.transactional(async (em) => {
      if (!(await lockOrganizationRow(em, organizationId))) return { outcome: 'not_found' };
      const membership = await em.findOne(OrganizationMembership, {
        organization: organizationId,
        user: userId,
      });
      if (!membership) return { outcome: 'not_found' };
      if (membership.role === OWNER_ROLE && (await this.ownersOf(em, organizationId)) <= 1)
        return { outcome: 'last_owner' };
      await em.nativeDelete(OrganizationMembership, { id: membership.id });
      return { outcome: 'changed', previousRole: membership.role };
    });
  }

  private ownersOf(em: EntityManager, organizationId: string): Promise<number> {
    return em.count(OrganizationMembership, { organization: organizationId, role: OWNER_ROLE });
  }
}
