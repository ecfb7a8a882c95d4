// The admin routes of UserOrganizationsModule the console calls, typed with the client's types.
import type {
  AdminOrganizationResponse,
  AdminOrganizationsPageResponse,
  OrganizationMembersPageResponse,
} from '@userkit/client';
import { client } from '../session.js';

export type { AdminOrganizationResponse, OrganizationMembersPageResponse };

const organization = (id: string): string => `/admin/organizations/${encodeURIComponent(id)}`;

function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) search.set(name, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const organizationsApi = {
  list: (params: { search?: string; cursor?: string }): Promise<AdminOrganizationsPageResponse> =>
    client.request('GET', `/admin/organizations${query({ ...params, limit: '20' })}`),
  get: (id: string): Promise<AdminOrganizationResponse> => client.request('GET', organization(id)),
  create: (body: {
    name: string;
    slug?: string;
    ownerId: string;
  }): Promise<AdminOrganizationResponse> => client.request('POST', '/admin/organizations', body),
  remove: (id: string): Promise<void> => client.request('DELETE', organization(id)),
  members: (
    id: string,
    params: { search?: string; cursor?: string },
  ): Promise<OrganizationMembersPageResponse> =>
    client.request('GET', `${organization(id)}/members${query({ ...params, limit: '20' })}`),
};
