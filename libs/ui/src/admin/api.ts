// The admin routes this console calls, typed; every call goes through the shared client (its
// access token, refresh and UserKitError on failure).
import type {
  AccessLevel,
  AdminSessionResponse,
  AdminUserResponse,
  AttributeSchemaResponse,
  AuditLogEntryResponse,
  AuditLogPageResponse,
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
  AuditLogEntryResponse,
  AuditLogPageResponse,
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

/** The filters GET /admin/audit-log takes, as they appear in the page's query string. */
export const AUDIT_LOG_PARAMS = [
  'userId',
  'type',
  'actorId',
  'from',
  'to',
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
  ban: (
    id: string,
    body: { reason?: string; bannedUntil?: string } = {},
  ): Promise<AdminUserResponse> => client.request('POST', `${user(id)}/ban`, body),
  unban: (id: string): Promise<AdminUserResponse> =>
    client.request('POST', `${user(id)}/unban`, {}),
  listSessions: (id: string): Promise<AdminSessionResponse[]> =>
    client.request('GET', `${user(id)}/sessions`),
  revokeSession: (id: string, sessionId: string): Promise<void> =>
    client.request('DELETE', `${user(id)}/sessions/${encodeURIComponent(sessionId)}`),
  revokeSessions: (id: string): Promise<void> => client.request('DELETE', `${user(id)}/sessions`),
  deleteUser: (id: string): Promise<void> => client.request('DELETE', user(id)),
  resetTwoFactor: (id: string): Promise<void> => client.request('DELETE', `${user(id)}/two-factor`),
  sendPasswordReset: (id: string): Promise<void> =>
    client.request('POST', `${user(id)}/password-reset`, {}),
  setPassword: (id: string, password: string): Promise<void> =>
    client.request('PUT', `${user(id)}/password`, { password }),
  /** In cookie mode the answer's refresh token goes into the cookie: the browser is the user now. */
  impersonate: (id: string): Promise<unknown> =>
    client.request('POST', `${user(id)}/impersonate`, {}),
  verifyEmail: (id: string, emailId: string): Promise<AdminUserResponse> =>
    client.request('POST', `${user(id)}/emails/${encodeURIComponent(emailId)}/verify`, {}),

  listRoles: (): Promise<RoleResponse[]> => client.request('GET', '/admin/roles'),
  createRole: (body: { name: string; description?: string }): Promise<RoleResponse> =>
    client.request('POST', '/admin/roles', body),
  updateRole: (name: string, body: { description: string | null }): Promise<RoleResponse> =>
    client.request('PATCH', `/admin/roles/${encodeURIComponent(name)}`, body),
  deleteRole: (name: string): Promise<void> =>
    client.request('DELETE', `/admin/roles/${encodeURIComponent(name)}`),

  listAuditLog(params: URLSearchParams): Promise<AuditLogPageResponse> {
    const sent: Record<string, string> = {};
    for (const name of AUDIT_LOG_PARAMS) {
      const value = params.get(name);
      // The date inputs give a day: the window is that day's start, in the browser's time zone.
      if (value) sent[name] = name === 'from' || name === 'to' ? dayStart(value) : value;
    }
    return client.getAuditLog(sent);
  },

  getSchema: (): Promise<AttributeSchemaResponse> => client.request('GET', '/admin/attributes'),
  createAttribute: (body: Json): Promise<CustomAttributeResponse> =>
    client.request('POST', '/admin/attributes', body),
  updateAttribute: (
    name: string,
    body: Json,
  ): Promise<CustomAttributeResponse | StandardAttributeResponse> =>
    client.request('PATCH', `/admin/attributes/${encodeURIComponent(name)}`, body),
};

/** `2026-12-05` → the ISO time of that local midnight; anything else as it was. */
function dayStart(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = new Date(`${value}T00:00:00`);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}
