import type { Organization } from '../entities/organization.entity.js';

/** An organization's columns as plain values (no entity, not managed by the ORM). */
export type OrganizationValues = Readonly<Organization>;

/** What the organization guard found, as `@CurrentOrganization()` hands it to a host route. */
export interface CurrentOrganizationMembership {
  /** The organization, a managed entity of the route's ORM context, mapped on first read. */
  readonly organization: Organization;
  /**
   * The organization's columns as plain values, built on first read: cheaper than `organization`
   * when the route only reads them (when the guard read it apart from the session check, with
   * stateless sessions, the entity itself).
   */
  readonly organizationValues: OrganizationValues;
  /** The signed-in user's role in it. */
  readonly role: string;
  /** The role's permissions (`*`: the owner's, every one), listed on first read. */
  readonly permissions: string[];
}

/** How a membership's organization is made, once, when a route first asks for it. */
export interface OrganizationSource {
  entity(): Organization;
  values(): OrganizationValues;
}

/**
 * A class, not a literal with getters: one allocation per request, the getters on the prototype,
 * nothing mapped until a route reads it (the guard itself needs only the role).
 */
export class RequestOrganizationMembership implements CurrentOrganizationMembership {
  readonly role: string;
  #source: OrganizationSource;
  #permissionsOf: (role: string) => string[];
  #organization: Organization | undefined;
  #values: OrganizationValues | undefined;
  #permissions: string[] | undefined;

  constructor(role: string, source: OrganizationSource, permissionsOf: (role: string) => string[]) {
    this.role = role;
    this.#source = source;
    this.#permissionsOf = permissionsOf;
  }

  get organization(): Organization {
    return (this.#organization ??= this.#source.entity());
  }

  get organizationValues(): OrganizationValues {
    return (this.#values ??= this.#source.values());
  }

  get permissions(): string[] {
    return (this.#permissions ??= this.#permissionsOf(this.role));
  }

  /** Returned from a route as it is: the values, as a literal of the three fields would give. */
  toJSON(): { organization: OrganizationValues; role: string; permissions: string[] } {
    return {
      organization: this.organizationValues,
      role: this.role,
      permissions: this.permissions,
    };
  }
}

/** An organization read apart from the session check (stateless sessions): already an entity. */
export class LoadedOrganizationSource implements OrganizationSource {
  constructor(private readonly organization: Organization) {}

  entity(): Organization {
    return this.organization;
  }

  values(): OrganizationValues {
    return this.organization;
  }
}

/** Where on the request the guard leaves it (a symbol: no clash with the host's own fields). */
const CURRENT_ORGANIZATION = Symbol('UserKit.CurrentOrganization');

export function attachCurrentOrganization(
  request: object,
  membership: CurrentOrganizationMembership,
): void {
  (request as Record<symbol, unknown>)[CURRENT_ORGANIZATION] = membership;
}

export function currentOrganizationOf(request: object): CurrentOrganizationMembership | undefined {
  return (request as Record<symbol, unknown>)[CURRENT_ORGANIZATION] as
    CurrentOrganizationMembership | undefined;
}
