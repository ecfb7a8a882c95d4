import {
  Inject,
  Injectable,
  Optional,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { UserKitException } from '../../core/errors/user-kit.exception.js';
import { rethrowStoreUnavailable } from '../../core/filters/service-unavailable.filter.js';
import { principalOf } from '../../core/guards/principal-request-key.js';
import { OrmContext } from '../../core/repositories/orm-context.js';
import {
  ORGANIZATION_REQUIREMENT,
  type OrganizationRequirement,
} from './organization-requirement.js';
import {
  ORGANIZATIONS_OPTIONS,
  type ResolvedOrganizationsOptions,
} from '../options/organizations-options.js';
import { OrganizationAccessService } from '../services/organization-access.service.js';
import { attachCurrentOrganization } from './current-organization-key.js';
import { sessionCheckReadOf } from '../../core/extension-points/session-check-reads.js';
import {
  MEMBERSHIP_SESSION_READ,
  MembershipSessionRead,
} from '../repositories/membership-session-read.js';

/**
 * The guard of the host's organization routes: the signed-in user (UserAuthGuard ran before) must
 * be a member of the organization the route parameter names, with a role and permissions the
 * route asks for. Not a member: 404, as if the organization did not exist. Read from the database
 * on every request (with the session check's own statement in the database mode), so a removed
 * member is refused at once. Subclass to read the organization's id
 * from elsewhere (`protected organizationIdOf`).
 */
@Injectable()
export class OrganizationAccessGuard implements CanActivate {
  constructor(
    protected readonly reflector: Reflector,
    protected readonly access: OrganizationAccessService,
    @Inject(ORGANIZATIONS_OPTIONS) protected readonly options: ResolvedOrganizationsOptions,
    protected readonly ormContext: OrmContext,
    @Optional() protected readonly membershipRead?: MembershipSessionRead,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const requirement = this.reflector.getAllAndOverride<OrganizationRequirement | undefined>(
      ORGANIZATION_REQUIREMENT,
      [context.getHandler(), context.getClass()],
    );
    if (!requirement) return true;
    const request = context.switchToHttp().getRequest<{ params?: Record<string, unknown> }>();
    const principal = principalOf(request);
    if (!principal) throw new UserKitException('NOT_SIGNED_IN');
    // Guards run before any ORM context of the route: the read brings its own (or joins the host's).
    const organizationId = this.organizationIdOf(request, requirement);
    // A database that is down is 503 with Retry-After, as for the sign-in guard.
    // The database mode's session check read the membership in its own statement when the route
    // names the organization as the read did; else (stateless sessions, an id from elsewhere) here.
    const joined = sessionCheckReadOf(request, MEMBERSHIP_SESSION_READ);
    const view = await this.ormContext
      .run(async () => {
        if (!this.membershipRead || !joined || joined.argument !== organizationId)
          return this.access.requireMember(organizationId, principal.id);
        const found = joined.row && this.membershipRead.viewOf(joined.row);
        if (!found) throw new UserKitException('ORGANIZATION_NOT_FOUND');
        return found;
      })
      .catch((error: unknown) =>
        rethrowStoreUnavailable(error, context.switchToHttp().getResponse()),
      );
    const allowed =
      (requirement.roles.length === 0 || this.access.hasAnyRole(view.role, requirement.roles)) &&
      requirement.permissions.every((permission) =>
        this.access.hasPermission(view.role, permission),
      );
    if (!allowed) throw new UserKitException('ORGANIZATION_PERMISSION_DENIED');
    attachCurrentOrganization(request, {
      organization: view.organization,
      role: view.role,
      permissions: this.access.permissionsOf(view.role),
    });
    return true;
  }

  protected organizationIdOf(
    request: { params?: Record<string, unknown> },
    requirement: OrganizationRequirement,
  ): unknown {
    return request.params?.[requirement.param ?? this.options.routeParam];
  }
}
