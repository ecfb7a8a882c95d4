/**
 * How a user comes to exist: a password sign-up, an anonymous sign-in, an OAuth sign-in, an
 * admin (`POST /admin/users`, `AdminUsersService.create`, `UsersService.ensureAdmin`), or the
 * first sign-in of a user of the host's LegacyUserStore (`legacy`).
 */
export type UserCreationSource =
  | 'password'
  | 'anonymous'
  | 'oauth'
  | 'admin'
  | 'legacy'
  | 'import'
  /** An email code or link to an address no account held (UserContactsModule's `passwordless.signUp`). */
  | 'passwordless';

/** What a new user will be created with; `beforeCreate` may change or veto it. */
export interface NewUserDraft {
  /** OAuth: the provider's primary address; the provider's addresses are stored, whatever this says. */
  email: string | null;
  displayName: string | null;
  firstName: string | null;
  lastName: string | null;
  picture: string | null;
  unsafeMetadata: Record<string, unknown>;
  publicMetadata: Record<string, unknown>;
  /** Fixed by the source: a changed value is ignored. */
  isAnonymous: boolean;
  /** Fixed: a changed value is ignored. */
  source: UserCreationSource;
}

/**
 * Host callbacks around account creation, run once for every new user whatever its source.
 * `beforeCreate` runs before anything is written: return a changed draft, or throw an
 * HttpException (e.g. ForbiddenException) to refuse the user. `afterCreate` runs after the commit
 * (and after `user.created`); its failures are logged, never undo the account.
 */
export interface UserLifecycleHooks {
  beforeCreate?(draft: NewUserDraft): Promise<NewUserDraft | void> | NewUserDraft | void;
  afterCreate?(user: { id: string; email: string | null }): Promise<void> | void;
}

export const UserLifecycleHooks = Symbol('UserLifecycleHooks');
