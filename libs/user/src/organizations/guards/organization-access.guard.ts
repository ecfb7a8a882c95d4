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
import { UserAuthGuard } from '../../core/guards/user-auth.guard.js';
import { OrmContext } from '../../core/repositories/orm-context.js';
import type { AuthenticatedPrincipal } from '../../core/services/authenticated-principal.js';
import {
  organizationRequirementOf,
  type OrganizationRequirement,
} from './organization-requirement.js';
import {
  ORGANIZATIONS_OPTIONS,
  type ResolvedOrganizationsOptions,
} from '../options/organizations-options.js';
import { OrganizationAccessService } from '../services/organization-access.service.js';
import {
  attachCurrentOrganization,
  LoadedOrganizationSource,
  RequestOrganizationMembership,
  type OrganizationSource,
} from './current-organization-key.js';
import { sessionCheckReadOf } from '../../core/extension-points/session-check-reads.js';
import {
  MEMBERSHIP_SESSION_READ,
  MembershipSessionRead,
} from '../repositories/membership-session-read.js';

/**
 * The one guard of the host's organization routes. It signs the user in first (UserAuthGuard's
 * check, unless a global one already did), then the user must be a member of the organization the
 * route parameter names, with a role and permissions the route asks for. Not a member: 404, as if
 * the organization did not exist. Read from the database on every request (with the session
 * check's own statement in the database mode), so a removed member is refused at once. Subclass to
 * read the organization's id from elsewhere (`protected organizationIdOf`).
 */
@Injectable()
export class OrganizationAccessGuard implements CanActivate {
  readonly #permissionsOf = (role: string): string[] => this.access.permissionsOf(role);

  constructor(
    protected readonly reflector: Reflector,
    protected readonly access: OrganizationAccessService,
    @Inject(ORGANIZATIONS_OPTIONS) protected readonly options: ResolvedOrganizationsOptions,
    protected readonly ormContext: OrmContext,
    protected readonly auth: UserAuthGuard,
    @Optional() protected readonly membershipRead?: MembershipSessionRead,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const requirement = organizationRequirementOf(this.reflector, context);
    if (!requirement) return true;
    const request = context.switchToHttp().getRequest<{ params?: Record<string, unknown> }>();
    const principal = principalOf(request);
    // A plain `boolean`, no promise, when a global UserAuthGuard signed the user in and its
    // statement read the membership: nothing left to wait for.
    if (principal) return this.requireMembership(context, request, requirement, principal);
    return this.signInThenRequireMembership(context, request, requirement);
  }

  private async signInThenRequireMembership(
    context: ExecutionContext,
    request: { params?: Record<string, unknown> },
    requirement: OrganizationRequirement,
  ): Promise<boolean> {
    await this.auth.canActivate(context);
    const principal = principalOf(request);
    if (!principal) throw new UserKitException('NOT_SIGNED_IN');
    return this.requireMembership(context, request, requirement, principal);
  }

  private requireMembership(
    context: ExecutionContext,
    request: { params?: Record<string, unknown> },
    requirement: OrganizationRequirement,
    principal: AuthenticatedPrincipal,
  ): boolean | Promise<boolean> {
    const organizationId = this.organizationIdOf(request, requirement);
    // The database mode's session check read the membership in its own statement when the route
    // names the organization as the read did; else (stateless sessions, an id from elsewhere) here.
    const joined = sessionCheckReadOf(request, MEMBERSHIP_SESSION_READ);
    if (this.membershipRead && joined && joined.argument === organizationId) {
      const role = joined.row && this.membershipRead.roleOf(joined.row);
      if (!role) throw new UserKitException('ORGANIZATION_NOT_FOUND');
      return this.admit(request, requirement, role, this.membershipRead.sourceOf(joined.row!));
    }
    // Guards run before any ORM context of the route: the read brings its own (or joins the host's).
    // A database that is down is 503 with Retry-After, as for the sign-in guard.
    return this.ormContext
      .run(() => this.access.requireMember(organizationId, principal.id))
      .catch((error: unknown) =>
        rethrowStoreUnavailable(error, context.switchToHttp().getResponse()),
      )
      .then((view) =>
        this.admit(
          request,
          requirement,
          view.role,
          new LoadedOrganizationSource(view.organization),
        ),
      );
  }

  /** 403 unless the role meets the route's requirement; else `@CurrentOrganization()` gets it. */
  private admit(
    request: object,
    requirement: OrganizationRequirement,
    role: string,
    organization: OrganizationSource,
  ): true {
    const allowed =
      (requirement.roles.length === 0 || this.access.hasAnyRole(role, requirement.roles)) &&
      requirement.permissions.every((permission) => this.access.hasPermission(role, permission));
    if (!allowed) throw new UserKitException('ORGANIZATION_PERMISSION_DENIED');
    attachCurrentOrganization(
      request,
      new RequestOrganizationMembership(role, organization, this.#permissionsOf),
    );
    return true;
  }

  protected organizationIdOf(
    request: { params?: Record<string, unknown> },
    requirement: OrganizationRequirement,
  ): unknown {
    return request.params?.[requirement.param ?? this.options.routeParam];
  }
}
