// The admin routes this console calls, typed; every call goes through the shared client (its
// access token, refresh and UserKitError on failure).
import type {
  AccessLevel,
  AdminSessionResponse,
  AdminUserResponse,
  AttributeSchemaResponse,
  CustomAttributeResponse,
  RoleResponse,
  StandardAttributeResponse,
  UserPageResponse,
} from '@userkit/client';
import { client } from '../session.js';

export type {
  AccessLevel,
  AdminSessionResponse,
  AdminUserResponse,
  AttributeSchemaResponse,
  CustomAttributeResponse,
  RoleResponse,
  StandardAttributeResponse,
  UserPageResponse,
};

export type Json = Record<string, unknown>;
export type AttributeParty = 'admin' | 'bearer' | 'endUser';
export const PARTIES: readonly AttributeParty[] = ['admin', 'bearer', 'endUser'];
export const ACCESS_LEVELS: readonly AccessLevel[] = ['hidden', 'readonly', 'editable'];
export const ATTRIBUTE_TYPES = [
  'string',
  'number',
  'integer',
  'enum',
  'phone',
  'email',
  'url',
  'country_code',
] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

/** The list filters GET /admin/users takes, as they appear in the page's query string. */
export const USER_LIST_PARAMS = [
  'query',
  'role',
  'verified',
  'banned',
  'anonymous',
  'createdAfter',
  'createdBefore',
  'attribute',
  'attributeValue',
  'sort',
  'order',
  'limit',
  'cursor',
] as const;

const user = (id: string): string => `/admin/users/${encodeURIComponent(id)}`;

export const adminApi = {
  listUsers(params: URLSearchParams): Promise<UserPageResponse> {
    const sent = new URLSearchParams();
    for (const name of USER_LIST_PARAMS) {
      const value = params.get(name);
      if (value) sent.set(name, value);
    }
    const query = sent.toString();
    return client.request('GET', `/admin/users${query ? `?${query}` : ''}`);
  },
  getUser: (id: string): Promise<AdminUserResponse> => client.request('GET', user(id)),
  updateUser: (id: string, body: Json): Promise<AdminUserResponse> =>
    client.request('PATCH', user(id), body),
  setRoles: (id: string, roles: string[]): Promise<AdminUserResponse> =>
    client.request('PUT', `${user(id)}/roles`, { roles }),
  ban: (id: string): Promise<AdminUserResponse> => client.request('POST', `${user(id)}/ban`, {}),
  unban: (id: string): Promise<AdminUserResponse> =>
    client.request('POST', `${user(id)}/unban`, {}),
  listSessions: (id: string): Promise<AdminSessionResponse[]> =>
    client.request('GET', `${user(id)}/sessions`),
  revokeSession: (id: string, sessionId: string): Promise<void> =>
    client.request('DELETE', `${user(id)}/sessions/${encodeURIComponent(sessionId)}`),
  revokeSessions: (id: string): Promise<void> => client.request('DELETE', `${user(id)}/sessions`),
  deleteUser: (id: string): Promise<void> => client.request('DELETE', user(id)),

  listRoles: (): Promise<RoleResponse[]> => client.request('GET', '/admin/roles'),
  createRole: (body: { name: string; description?: string }): Promise<RoleResponse> =>
    client.request('POST', '/admin/roles', body),
  updateRole: (name: string, body: { description: string | null }): Promise<RoleResponse> =>
    client.request('PATCH', `/admin/roles/${encodeURIComponent(name)}`, body),
  deleteRole: (name: string): Promise<void> =>
    client.request('DELETE', `/admin/roles/${encodeURIComponent(name)}`),

  getSchema: (): Promise<AttributeSchemaResponse> => client.request('GET', '/admin/attributes'),
  createAttribute: (body: Json): Promise<CustomAttributeResponse> =>
    client.request('POST', '/admin/attributes', body),
  updateAttribute: (
    name: string,
    body: Json,
  ): Promise<CustomAttributeResponse | StandardAttributeResponse> =>
    client.request('PATCH', `/admin/attributes/${encodeURIComponent(name)}`, body),
};
