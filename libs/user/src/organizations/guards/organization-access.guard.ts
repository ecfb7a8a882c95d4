import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
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

/**
 * The guard of the host's organization routes: the signed-in user (UserAuthGuard ran before) must
 * be a member of the organization the route parameter names, with a role and permissions the
 * route asks for. Not a member: 404, as if the organization did not exist. Read from the database
 * on every request, so a removed member is refused at once. Subclass to read the organization's id
 * from elsewhere (`protected organizationIdOf`).
 */
@Injectable()
export class OrganizationAccessGuard implements CanActivate {
  constructor(
    protected readonly reflector: Reflector,
    protected readonly access: OrganizationAccessService,
    @Inject(ORGANIZATIONS_OPTIONS) protected readonly options: ResolvedOrganizationsOptions,
    protected readonly ormContext: OrmContext,
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
    const view = await this.ormContext
      .run(() => this.access.requireMember(organizationId, principal.id))
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
