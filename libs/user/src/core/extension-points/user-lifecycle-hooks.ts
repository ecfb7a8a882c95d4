/** What a new user will be created with; `beforeCreate` may change or veto it. */
export interface NewUserDraft {
  email: string | null;
  displayName: string | null;
  firstName: string | null;
  lastName: string | null;
  picture: string | null;
  unsafeMetadata: Record<string, unknown>;
  publicMetadata: Record<string, unknown>;
  isAnonymous: boolean;
  source: 'password' | 'anonymous' | 'oauth' | 'admin';
}

/**
 * Host callbacks around account changes. `beforeCreate` runs before anything is written: return a
 * changed draft, or throw an HttpException (e.g. ForbiddenException) to refuse the sign-up.
 * `afterCreate` runs after the commit; its failures are logged, never undo the account.
 */
export interface UserLifecycleHooks {
  beforeCreate?(draft: NewUserDraft): Promise<NewUserDraft | void> | NewUserDraft | void;
  afterCreate?(user: { id: string; email: string | null }): Promise<void> | void;
}

export const UserLifecycleHooks = Symbol('UserLifecycleHooks');
