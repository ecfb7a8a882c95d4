/** Options of `UserContactsModule.forRoot()`. */
export interface UserContactsOptions {
  /**
   * Sign-in by a 6-digit code mailed to a verified address (`/auth/email-code`): off by default,
   * since it adds a way in that holds only as well as the mailbox does.
   */
  emailSignIn?: boolean;
}

/** The resolved options, injected into the module's services. */
export interface ResolvedContactsOptions {
  emailSignIn: boolean;
}

export const CONTACTS_OPTIONS = Symbol('UserKit.ContactsOptions');

export function resolveContactsOptions(options: UserContactsOptions): ResolvedContactsOptions {
  return { emailSignIn: options.emailSignIn === true };
}
