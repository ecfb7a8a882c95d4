// @userkit/react: the provider, the hooks and the control components on @userkit/client.
export { UserKitProvider, useUserKitClient, type UserKitProviderProps } from './provider.js';
export {
  useUser,
  useAuth,
  useSignIn,
  useSignUp,
  useSessionList,
  type UseUserResult,
  type UseAuthResult,
  type UseSignInResult,
  type UseSignUpResult,
  type UseSessionListResult,
} from './hooks.js';
export {
  useOrganization,
  useOrganizationList,
  type UseOrganizationOptions,
  type UseOrganizationResult,
  type UseOrganizationListResult,
} from './organizations.js';
export { SignedIn, SignedOut, Protect, type ProtectProps } from './control.js';
export type { AuthSnapshot, AuthStoreOptions } from './auth-store.js';
