import {
  EntityManager,
  ForeignKeyConstraintViolationException,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { plainValues } from '../../core/sql/plain-values.js';
import { isPostgres } from '../../core/sql/sql-dialect-of.js';
import { OrganizationMembership } from '../entities/organization-membership.entity.js';
import { Organization } from '../entities/organization.entity.js';
import { OWNER_ROLE } from '../options/organization-roles.js';
import { checkMembershipLimits, type MembershipLimits } from './membership-limits.js';
import { lockOrganizationRow } from './organization-row-lock.js';

/** The columns of an organization a write may change. */
export type OrganizationChanges = Partial<
  Pick<Organization, 'name' | 'slug' | 'publicMetadata' | 'privateMetadata'>
>;

/** An organization and the role of the user who asked for it. */
export interface MembershipView {
  organization: Organization;
  role: string;
  /** When the user joined. */
  joinedAt: Date;
}

/** A membership of a user about to be deleted, and who else the organization has. */
export interface LeavingMembership {
  organization: Organization;
  role: string;
  otherMembers: number;
  otherOwners: number;
}

/** The organizations table, and each user's view of it through their membership. */
@Injectable()
export class OrganizationsRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * The organization and its creator as `owner`, in one transaction. `slug_taken`: the unique
   * constraint refused the slug (two creations of one slug: one wins).
   */
  async createWithOwner(
    name: string,
    slug: string,
    ownerId: string,
    limits: MembershipLimits,
  ): Promise<MembershipView | 'slug_taken' | 'user_limit' | 'owner_not_found'> {
    try {
      return await this.em.transactional(async (em) => {
        if (await checkMembershipLimits(em, limits, ownerId, null)) return 'user_limit';
        const organization = em.create(Organization, { name, slug });
        const membership = em.create(OrganizationMembership, {
          organization,
          user: ownerId,
          role: OWNER_ROLE,
        });
        await em.flush();
        return { organization, role: membership.role, joinedAt: membership.createdAt };
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) return 'slug_taken';
      // Only an admin names the owner: one that does not exist.
      if (error instanceof ForeignKeyConstraintViolationException) return 'owner_not_found';
      throw error;
    }
  }

  /** The organization with the user's role in it, in one statement; null: not a member (or none). */
  async findForMember(organizationId: string, userId: string): Promise<MembershipView | null> {
    const membership = await this.em.findOne(
      OrganizationMembership,
      { organization: organizationId, user: userId },
      { populate: ['organization'] },
    );
    return membership
      ? {
          organization: membership.organization,
          role: membership.role,
          joinedAt: membership.createdAt,
        }
      : null;
  }

  /** Every organization the user belongs to, in the order they joined. */
  async listForMember(userId: string): Promise<MembershipView[]> {
    const memberships = await this.em.find(
      OrganizationMembership,
      { user: userId },
      { populate: ['organization'], orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    return memberships.map((membership) => ({
      organization: membership.organization,
      role: membership.role,
      joinedAt: membership.createdAt,
    }));
  }

  /**
   * Writes a new name or slug (in a savepoint of its own, so a refused slug leaves an enclosing
   * transaction usable); `slug_taken` when another organization has the slug.
   */
  async update(
    organizationId: string,
    changes: OrganizationChanges,
  ): Promise<'updated' | 'slug_taken'> {
    try {
      await this.em.transactional((em) =>
        em.nativeUpdate(
          Organization,
          { id: organizationId },
          { ...changes, updatedAt: new Date() },
        ),
      );
      return 'updated';
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) return 'slug_taken';
      throw error;
    }
  }

  /**
   * Every organization, newest first by (created_at, id), after the cursor, those whose name or
   * slug contains `search` (any case) only when given.
   */
  async page(
    after: { createdAt: Date; id: string } | undefined,
    limit: number,
    search?: string,
  ): Promise<Organization[]> {
    const postgres = isPostgres(this.em);
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (after) {
      conditions.push('(created_at, id) < (?, ?)');
      params.push(postgres ? after.createdAt : after.createdAt.getTime(), after.id);
    }
    if (search) {
      const pattern = `%${search.toLowerCase().replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
      conditions.push("(lower(name) like ? escape '\\' or slug like ? escape '\\')");
      params.push(pattern, pattern);
    }
    const where = conditions.length > 0 ? `where ${conditions.join(' and ')}` : '';
    const rows = (await this.em
      .getConnection()
      .execute(
        `select * from userkit_organizations ${where} order by created_at desc, id desc limit ?`,
        [...params, limit] as never[],
      )) as Record<string, unknown>[];
    return rows.map((row) => plainValues(this.em, Organization, row));
  }

  /**
   * Points the logo at a new file (or none), under the row lock so two uploads cannot both keep
   * the previous file: answers the id of the file it replaced (null: none), or `gone`.
   */
  async replaceLogo(
    organizationId: string,
    logo: { id: string; url: string } | null,
  ): Promise<{ replaced: string | null } | 'gone'> {
    return this.em.transactional(async (em) => {
      if (!(await lockOrganizationRow(em, organizationId))) return 'gone';
      const rows = (await em
        .getConnection()
        .execute(
          'select logo_id from userkit_organizations where id = ?',
          [organizationId],
          'all',
          em.getTransactionContext(),
        )) as Array<{ logo_id: string | null }>;
      await em.nativeUpdate(
        Organization,
        { id: organizationId },
        { logoId: logo?.id ?? null, logoUrl: logo?.url ?? null, updatedAt: new Date() },
      );
      return { replaced: rows[0]?.logo_id ?? null };
    });
  }

  /** The organization as stored now (after an update), or null. */
  async findById(organizationId: string): Promise<Organization | null> {
    return this.em.findOne(Organization, { id: organizationId }, { refresh: true });
  }

  /** The organization and its memberships, in one transaction; false: it was gone already. */
  async delete(organizationId: string): Promise<boolean> {
    return this.em.transactional((em) => this.deleteIn(em, organizationId));
  }

  /** As `delete`, inside the caller's transaction. */
  async deleteIn(em: EntityManager, organizationId: string): Promise<boolean> {
    await em.nativeDelete(OrganizationMembership, { organization: organizationId });
    return (await em.nativeDelete(Organization, { id: organizationId })) > 0;
  }

  /**
   * Inside the caller's transaction, for the user's deletion: each organization the user belongs
   * to, locked (in id order, as every membership change locks it), with the user's role there and
   * how many other members and other owners it has, counted under the lock.
   */
  async membershipsOfLeavingUser(em: EntityManager, userId: string): Promise<LeavingMembership[]> {
    const memberships = await em.find(
      OrganizationMembership,
      { user: userId },
      { populate: ['organization'], orderBy: { organization: { id: 'asc' } } },
    );
    const leaving: LeavingMembership[] = [];
    for (const membership of memberships) {
      const organization = membership.organization;
      if (!(await lockOrganizationRow(em, organization.id))) continue;
      const others = { organization: organization.id, user: { $ne: userId } };
      leaving.push({
        organization,
        role: membership.role,
        otherMembers: await em.count(OrganizationMembership, others),
        otherOwners: await em.count(OrganizationMembership, { ...others, role: OWNER_ROLE }),
      });
    }
    return leaving;
  }
}
