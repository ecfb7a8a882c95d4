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
export { SignedIn, SignedOut, Protect, type ProtectProps } from './control.js';
export type { AuthSnapshot, AuthStoreOptions } from './auth-store.js';
