import type {
  ActiveOrganization,
  CreateInvitationDto,
  CreateOrganizationDto,
  MembersPageQuery,
  OrganizationInvitationResponse,
  OrganizationMembershipResponse,
  OrganizationMembersPageResponse,
  OrganizationResponse,
  UpdateOrganizationDto,
} from '@userkit/client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSnapshot } from './hooks.js';
import { useAuthStore } from './provider.js';

/**
 * Loads `load()` for `identity` (the user, the organization and what is asked of it), again when
 * `revision` grows (a change made through an organization hook): the last value stays shown
 * while the same identity reloads, a late answer for an older request is dropped. A null
 * identity: nothing to load.
 */
function useLoaded<T>(
  identity: string | null,
  revision: number,
  load: () => Promise<T>,
  ready: boolean,
) {
  const [state, setState] = useState<{
    identity: string | null;
    value: T | null;
    error: Error | null;
  }>({ identity: '', value: null, error: null });
  const latest = useRef(0);
  const reload = useCallback(async () => {
    const request = ++latest.current;
    if (identity === null) return setState({ identity, value: null, error: null });
    try {
      const value = await load();
      if (latest.current === request) setState({ identity, value, error: null });
    } catch (error) {
      if (latest.current === request) setState({ identity, value: null, error: error as Error });
    }
    // `load` reads only what `identity` names.
  }, [identity]);
  useEffect(() => {
    if (ready) void reload();
  }, [ready, reload, revision]);
  const fresh = ready && state.identity === identity;
  return {
    isLoaded: fresh,
    value: fresh ? state.value : null,
    error: fresh ? state.error : null,
    reload,
  };
}

export interface UseOrganizationListResult {
  /** The list has arrived (or the user is signed out: then it is empty). */
  isLoaded: boolean;
  /** Your organizations, each with your `role` and its `permissions` (GET /me/organizations). */
  organizations: OrganizationMembershipResponse[];
  error: Error | null;
  /** A new organization (you are its owner); every organization hook reloads. */
  createOrganization(params: CreateOrganizationDto): Promise<OrganizationMembershipResponse>;
  /** Makes one of yours the session's organization (null: none); `useAuth().orgId` follows. */
  setActive(organizationId: string | null): Promise<ActiveOrganization>;
  reload(): Promise<void>;
}

/** The signed-in user's organizations, over `client.organizations`. */
export function useOrganizationList(): UseOrganizationListResult {
  const store = useAuthStore();
  const { client } = store;
  const { isLoaded, user, organizationsRevision } = useSnapshot();
  const list = useLoaded(
    user?.id ?? null,
    organizationsRevision,
    () => client.organizations.list(),
    isLoaded,
  );
  const createOrganization = useCallback(
    async (params: CreateOrganizationDto) => {
      const created = await client.organizations.create(params);
      store.organizationsChanged();
      return created;
    },
    [store],
  );
  const setActive = useCallback(
    (organizationId: string | null) => client.setActiveOrganization(organizationId),
    [client],
  );
  return {
    isLoaded: list.isLoaded,
    organizations: list.value ?? [],
    error: list.error,
    createOrganization,
    setActive,
    reload: list.reload,
  };
}

export interface UseOrganizationOptions {
  /** Also load the members (`true`, or the search and paging of `listMembers`). */
  members?: boolean | MembersPageQuery;
  /** Also load the pending invitations (owner, admin). */
  invitations?: boolean;
}

export interface UseOrganizationResult {
  /** What was asked for has arrived (or there is no active organization: then all is null). */
  isLoaded: boolean;
  /** The session's active organization, or null. */
  organization: OrganizationResponse | null;
  /** Your membership of it: `role`, `permissions`, `joinedAt`. */
  membership: Omit<OrganizationMembershipResponse, 'organization'> | null;
  /** With `members`: a page of them, and `nextCursor` to pass for the next. */
  members?: OrganizationMembersPageResponse | null;
  /** With `invitations`: the pending ones. */
  invitations?: OrganizationInvitationResponse[] | null;
  error: Error | null;
  /** New name or slug (owner, admin); the organization hooks reload. */
  update(params: UpdateOrganizationDto): Promise<void>;
  /** Invites an address with a role (owner, admin); the organization hooks reload. */
  invite(params: CreateInvitationDto): Promise<OrganizationInvitationResponse>;
  revokeInvitation(invitationId: string): Promise<void>;
  reload(): Promise<void>;
}

interface OrganizationData {
  membership: OrganizationMembershipResponse;
  members?: OrganizationMembersPageResponse;
  invitations?: OrganizationInvitationResponse[];
}

/**
 * The session's active organization (`useAuth().orgId`) with your membership, and on request its
 * members and invitations, over `client.organizations`; reloads when the active one changes.
 */
export function useOrganization(options: UseOrganizationOptions = {}): UseOrganizationResult {
  const store = useAuthStore();
  const { client } = store;
  const { isLoaded, user, activeOrganization, organizationsRevision } = useSnapshot();
  const orgId = user ? activeOrganization.orgId : null;
  const membersQuery =
    options.members === undefined || options.members === false
      ? null
      : options.members === true
        ? {}
        : options.members;
  const identity =
    orgId === null ? null : JSON.stringify([orgId, membersQuery, !!options.invitations]);
  const data = useLoaded<OrganizationData>(
    identity,
    organizationsRevision,
    async () => {
      const id = orgId as string;
      const [membership, members, invitations] = await Promise.all([
        client.organizations.get(id),
        membersQuery ? client.organizations.listMembers(id, membersQuery) : undefined,
        options.invitations ? client.organizations.listInvitations(id) : undefined,
      ]);
      return { membership, members, invitations };
    },
    isLoaded,
  );
  const changed = useCallback(
    async <T>(work: (organizationId: string) => Promise<T>): Promise<T> => {
      if (orgId === null) throw new Error('@userkit/react: no active organization');
      const result = await work(orgId);
      store.organizationsChanged();
      return result;
    },
    [store, orgId],
  );
  const value = data.value;
  const { organization = null, ...membership } = value?.membership ?? {};
  return {
    isLoaded: data.isLoaded,
    organization,
    membership: value ? (membership as UseOrganizationResult['membership']) : null,
    ...(membersQuery ? { members: value?.members ?? null } : {}),
    ...(options.invitations ? { invitations: value?.invitations ?? null } : {}),
    error: data.error,
    update: (params) => changed((id) => client.organizations.update(id, params)).then(() => {}),
    invite: (params) => changed((id) => client.organizations.invite(id, params)),
    revokeInvitation: (invitationId) =>
      changed((id) => client.organizations.revokeInvitation(id, invitationId)),
    reload: data.reload,
  };
}
