import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable, type ExecutionContext, type OnModuleInit } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  SessionCheckReads,
  type SessionCheckRead,
} from '../../core/extension-points/session-check-reads.js';
import { isResourceId } from '../../core/validation/resource-id.js';
import { OrganizationMembership } from '../entities/organization-membership.entity.js';
import { Organization } from '../entities/organization.entity.js';
import {
  ORGANIZATION_REQUIREMENT,
  type OrganizationRequirement,
} from '../guards/organization-requirement.js';
import {
  ORGANIZATIONS_OPTIONS,
  type ResolvedOrganizationsOptions,
} from '../options/organizations-options.js';
import type { MembershipView } from './organizations.repository.js';

/** The session check's joined read of an organization route (SessionCheckRead's name). */
export const MEMBERSHIP_SESSION_READ = 'organization_membership';

/**
 * The membership of the organization an organization route names, read in the session check's
 * own statement (database mode): the organization guard then needs no second round trip. Read
 * fresh with the session on every request, so a removed member is refused at once.
 */
@Injectable()
export class MembershipSessionRead implements SessionCheckRead, OnModuleInit {
  readonly name = MEMBERSHIP_SESSION_READ;
  private organizationFields: string[] = [];
  joins = '';
  columns = '';

  constructor(
    private readonly em: EntityManager,
    private readonly reflector: Reflector,
    private readonly reads: SessionCheckReads,
    @Inject(ORGANIZATIONS_OPTIONS) private readonly options: ResolvedOrganizationsOptions,
  ) {}

  onModuleInit(): void {
    const metadata = this.em.getMetadata();
    const organization = metadata.get(Organization);
    const membership = metadata.get(OrganizationMembership);
    this.organizationFields = organization.props
      .filter((prop) => prop.fieldNames?.length === 1 && prop.persist !== false)
      .filter((prop) => prop.kind === 'scalar' || prop.kind === 'm:1' || prop.kind === '1:1')
      .map((prop) => prop.fieldNames[0]);
    const prefix = `${this.name}__`;
    this.joins =
      `left join "${membership.tableName}" om on om.user_id = u.id and om.organization_id = ? ` +
      `left join "${organization.tableName}" oo on oo.id = om.organization_id`;
    this.columns = [
      `om.role as "${prefix}role"`,
      `om.created_at as "${prefix}joined_at"`,
      ...this.organizationFields.map((field) => `oo."${field}" as "${prefix}o_${field}"`),
    ].join(', ');
    this.reads.register(this);
  }

  /** The organization id of an organization route (its parameter), when shaped like an id. */
  argumentOf(request: object, context: ExecutionContext): string | undefined {
    const requirement = this.reflector.getAllAndOverride<OrganizationRequirement | undefined>(
      ORGANIZATION_REQUIREMENT,
      [context.getHandler(), context.getClass()],
    );
    if (!requirement) return undefined;
    const params = (request as { params?: Record<string, unknown> }).params;
    const id = params?.[requirement.param ?? this.options.routeParam];
    return isResourceId(id) ? id : undefined;
  }

  /**
   * The membership from the joined columns, the organization mapped into this request's context;
   * null: not a member (or no such organization). Call inside an ORM context.
   */
  viewOf(columns: Record<string, unknown>): MembershipView | null {
    if (typeof columns.role !== 'string') return null;
    const organizationRow: Record<string, unknown> = {};
    for (const field of this.organizationFields) organizationRow[field] = columns[`o_${field}`];
    return {
      organization: this.em.map(Organization, organizationRow),
      role: columns.role,
      joinedAt: new Date(columns.joined_at as string | number | Date),
    };
  }
}
