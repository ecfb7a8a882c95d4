import { Inject, Injectable } from '@nestjs/common';
import { UserEventsPublisher, userKitEvent } from '../../core/events/user-events.publisher.js';
import { UserKitException } from '../../core/errors/user-kit.exception.js';
import { ORGANIZATION_PERMISSIONS, OWNER_ROLE } from '../options/organization-roles.js';
import {
  ORGANIZATIONS_OPTIONS,
  type ResolvedOrganizationsOptions,
} from '../options/organizations-options.js';
import {
  OrganizationsRepository,
  type MembershipView,
  type OrganizationChanges,
} from '../repositories/organizations.repository.js';
import { OrganizationAccessService } from './organization-access.service.js';
import { OrganizationLogosService } from './organization-logos.service.js';
import { slugFromName, withRandomSuffix } from './organization-slugs.js';
import { decodeUserCursor, encodeUserCursor } from '../../core/services/user-cursor.js';
import { isResourceId } from '../../core/validation/resource-id.js';
import type { Organization } from '../entities/organization.entity.js';

/** Attempts at a slug made from the name before giving up (each after a random suffix). */
const GENERATED_SLUG_ATTEMPTS = 4;

/**
 * Organizations: create (the creator its owner), read, rename, delete. Every write goes through
 * the UserEventsPublisher, so listeners, webhooks and the audit trail hear of it.
 */
@Injectable()
export class OrganizationsService {
  constructor(
    @Inject(ORGANIZATIONS_OPTIONS) private readonly options: ResolvedOrganizationsOptions,
    private readonly organizations: OrganizationsRepository,
    private readonly access: OrganizationAccessService,
    private readonly events: UserEventsPublisher,
    private readonly logos: OrganizationLogosService,
  ) {}

  async create(userId: string, input: { name: string; slug?: string }): Promise<MembershipView> {
    const name = input.name.trim();
    const candidates = input.slug
      ? [input.slug]
      : Array.from({ length: GENERATED_SLUG_ATTEMPTS }, (_, attempt) =>
          attempt === 0 ? slugFromName(name) : withRandomSuffix(slugFromName(name)),
        );
    for (const slug of candidates) {
      const created = await this.events.commit(
        () => this.organizations.createWithOwner(name, slug, userId, this.options.limits),
        (result) =>
          typeof result === 'string'
            ? []
            : [
                userKitEvent('organization.created', {
                  organizationId: result.organization.id,
                  slug: result.organization.slug,
                }),
                userKitEvent('membership.created', {
                  organizationId: result.organization.id,
                  userId,
                  role: OWNER_ROLE,
                }),
              ],
      );
      if (created === 'user_limit') throw new UserKitException('ORGANIZATION_LIMIT_REACHED');
      if (created === 'owner_not_found') throw new UserKitException('USER_NOT_FOUND');
      if (created !== 'slug_taken') return created;
    }
    throw new UserKitException('ORGANIZATION_SLUG_TAKEN');
  }

  listMine(userId: string): Promise<MembershipView[]> {
    return this.organizations.listForMember(userId);
  }

  get(organizationId: string, userId: string): Promise<MembershipView> {
    return this.access.requireMember(organizationId, userId);
  }

  /** A new name or slug; needs `organization:update` (owner, admin). */
  async update(
    organizationId: string,
    userId: string,
    input: { name?: string; slug?: string },
  ): Promise<MembershipView> {
    const view = await this.access.requirePermission(
      organizationId,
      userId,
      ORGANIZATION_PERMISSIONS.update,
    );
    return { ...view, organization: await this.write(view.organization, input) };
  }

  /** Any organization, by id, for the app's admins and the host's code; 404 when there is none. */
  async getAsAdmin(organizationId: string): Promise<Organization> {
    const organization = isResourceId(organizationId)
      ? await this.organizations.findById(organizationId)
      : null;
    if (!organization) throw new UserKitException('ORGANIZATION_NOT_FOUND');
    return organization;
  }

  /**
   * The app's admins (and the host's code): the name, the slug, and the public and private
   * metadata, each replaced whole (as an admin writes a user's).
   */
  async updateAsAdmin(organizationId: string, input: OrganizationChanges): Promise<Organization> {
    return this.write(await this.getAsAdmin(organizationId), input);
  }

  /** Writes what differs from `current` (one `organization.updated`); the organization now. */
  private async write(current: Organization, input: OrganizationChanges): Promise<Organization> {
    const changes: OrganizationChanges = {};
    if (input.name !== undefined && input.name.trim() !== current.name)
      changes.name = input.name.trim();
    if (input.slug !== undefined && input.slug !== current.slug) changes.slug = input.slug;
    for (const key of ['publicMetadata', 'privateMetadata'] as const) {
      const value = input[key];
      if (value !== undefined && JSON.stringify(value) !== JSON.stringify(current[key]))
        changes[key] = value;
    }
    const changed = Object.keys(changes);
    if (changed.length === 0) return current;
    const outcome = await this.events.commit(
      () => this.organizations.update(current.id, changes),
      (result) =>
        result === 'updated'
          ? [
              userKitEvent('organization.updated', {
                organizationId: current.id,
                changes: changed,
              }),
            ]
          : [],
    );
    if (outcome === 'slug_taken') throw new UserKitException('ORGANIZATION_SLUG_TAKEN');
    const organization = await this.organizations.findById(current.id);
    if (!organization) throw new UserKitException('ORGANIZATION_NOT_FOUND');
    return organization;
  }

  /** Newest first, by name or slug when `search` is given (the admin's list). */
  async page(query: { limit?: number; cursor?: string; search?: string }): Promise<{
    organizations: Organization[];
    nextCursor: string | null;
  }> {
    const limit = query.limit ?? 50;
    const after = query.cursor === undefined ? undefined : decodeUserCursor(query.cursor);
    const found = await this.organizations.page(
      after,
      limit + 1,
      query.search?.trim() || undefined,
    );
    const organizations = found.slice(0, limit);
    const last = organizations.at(-1);
    return {
      organizations,
      nextCursor: found.length > limit && last ? encodeUserCursor(last) : null,
    };
  }

  /** Any organization, by an admin (no membership asked); 404 when there is none. */
  async deleteAsAdmin(organizationId: string): Promise<void> {
    await this.remove(await this.getAsAdmin(organizationId));
  }

  /** The organization, its memberships with it; needs `organization:delete` (the owner). */
  async delete(organizationId: string, userId: string): Promise<void> {
    const view = await this.access.requirePermission(
      organizationId,
      userId,
      ORGANIZATION_PERMISSIONS.delete,
    );
    await this.remove(view.organization);
  }

  /** The one way an organization goes: `organization.deleted`, then its logo file. */
  private async remove(organization: Organization): Promise<void> {
    const { id, slug, logoId } = organization;
    const deleted = await this.events.commit(
      () => this.organizations.delete(id),
      (gone) => (gone ? [userKitEvent('organization.deleted', { organizationId: id, slug })] : []),
    );
    if (!deleted) throw new UserKitException('ORGANIZATION_NOT_FOUND');
    await this.logos.discard(logoId);
  }
}
