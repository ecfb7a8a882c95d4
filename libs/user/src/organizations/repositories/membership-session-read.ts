import { EntityManager, RequestContext } from '@mikro-orm/core';
import { Inject, Injectable, type ExecutionContext, type OnModuleInit } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  SessionCheckReads,
  type SessionCheckRead,
} from '../../core/extension-points/session-check-reads.js';
import { isResourceId } from '../../core/validation/resource-id.js';
import { OrganizationMembership } from '../entities/organization-membership.entity.js';
import { Organization } from '../entities/organization.entity.js';
import { organizationRequirementOf } from '../guards/organization-requirement.js';
import type { OrganizationSource, OrganizationValues } from '../guards/current-organization-key.js';
import { plainValues } from '../../core/sql/plain-values.js';
import {
  ORGANIZATIONS_OPTIONS,
  type ResolvedOrganizationsOptions,
} from '../options/organizations-options.js';

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
      ...this.organizationFields.map((field) => `oo."${field}" as "${prefix}o_${field}"`),
    ].join(', ');
    this.reads.register(this);
  }

  /** The organization id of an organization route (its parameter), when shaped like an id. */
  argumentOf(request: object, context: ExecutionContext): string | undefined {
    const requirement = organizationRequirementOf(this.reflector, context);
    if (!requirement) return undefined;
    const params = (request as { params?: Record<string, unknown> }).params;
    const id = params?.[requirement.param ?? this.options.routeParam];
    return isResourceId(id) ? id : undefined;
  }

  /** The role the joined columns found; null: not a member (or no such organization). */
  roleOf(columns: Record<string, unknown>): string | null {
    return typeof columns.role === 'string' ? columns.role : null;
  }

  /** The organization of the joined columns, mapped only when a route reads it. */
  sourceOf(columns: Record<string, unknown>): OrganizationSource {
    return new JoinedOrganizationSource(this, columns);
  }

  /** The organization's row out of the joined columns. */
  organizationRowOf(columns: Record<string, unknown>): Record<string, unknown> {
    const row: Record<string, unknown> = {};
    for (const field of this.organizationFields) row[field] = columns[`o_${field}`];
    return row;
  }

  /** A managed entity of the route's ORM context (one of its own when there is none). */
  mapOrganization(columns: Record<string, unknown>): Organization {
    const em = RequestContext.getEntityManager() ?? this.em.fork();
    return em.map(Organization, this.organizationRowOf(columns));
  }

  organizationValuesOf(columns: Record<string, unknown>): OrganizationValues {
    return plainValues(this.em, Organization, this.organizationRowOf(columns));
  }
}

class JoinedOrganizationSource implements OrganizationSource {
  constructor(
    private readonly read: MembershipSessionRead,
    private readonly columns: Record<string, unknown>,
  ) {}

  entity(): Organization {
    return this.read.mapOrganization(this.columns);
  }

  values(): OrganizationValues {
    return this.read.organizationValuesOf(this.columns);
  }
}
