/** Options of `UserContactsModule.forRoot()`. */
export interface UserContactsOptions {
  /**
   * Sign-in by a 6-digit code mailed to a verified address (`/auth/email-code`): off by default,
   * since it adds a way in that holds only as well as the mailbox does.
   */
  emailSignIn?: boolean;
  /**
   * Sign-in by a single-use link mailed to a verified address (`/auth/email-link`), ending in a
   * redirect with a code for `POST /auth/oauth/exchange`: off by default. Needs UserOAuthModule
   * (its exchange and `redirectAllowList`), `publicUrl` and a MessageSender with `sendSignInLink`.
   */
  emailLinkSignIn?: boolean;
  /** What the email code and link do for an address no account holds. */
  passwordless?: {
    /**
     * The code or link creates the account, its address verified (through the same write path as
     * any sign-up: hooks, events, audit, webhooks). Off by default: such an address gets the same
     * 202 and nothing else.
     */
    signUp?: boolean;
  };
}

/** The resolved options, injected into the module's services. */
export interface ResolvedContactsOptions {
  emailSignIn: boolean;
  emailLinkSignIn: boolean;
  passwordlessSignUp: boolean;
}

export const CONTACTS_OPTIONS = Symbol('UserKit.ContactsOptions');

export function resolveContactsOptions(options: UserContactsOptions): ResolvedContactsOptions {
  return {
    emailSignIn: options.emailSignIn === true,
    emailLinkSignIn: options.emailLinkSignIn === true,
    passwordlessSignUp: options.passwordless?.signUp === true,
  };
}
