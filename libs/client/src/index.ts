// The public surface of @userkit/client: no framework, platform fetch only (browsers, Node 22+).
export { createUserKitClient, UserKitClient } from './client.js';
export type { UserKitClientOptions, SignInResult, AuthListener, AuditLogParams } from './client.js';
export { User } from './user.js';
export { OrganizationsClient } from './organizations/organizations-client.js';
export type {
  ActiveOrganization,
  ActiveOrganizationState,
} from './organizations/active-organization.js';
export type {
  UserFields,
  UserExtensions,
  CreateExternalAccountParams,
  ExternalAccountStart,
  SessionWithActivities,
  GetTokenOptions,
} from './user.js';
export { UserKitError, type ApiErrorBody } from './errors.js';
export {
  browserPasskeys,
  passkeyAutofillAvailable,
  type PasskeyAuthenticator,
  type PasskeyCredentialJSON,
  type PasskeyGetRequest,
} from './passkeys.js';
export { memoryStorage, webStorage, type TokenStorage, type WebStorageLike } from './storage.js';
export type { HttpMethod } from './transport.js';
export type * from './generated/api-types.js';
