/**
 * The external providers users can sign in with, for what the core shows (the prebuilt pages'
 * buttons). Provided by UserOAuthModule; without it there are none.
 */
export interface ExternalSignInProviders {
  /** The names of the enabled providers (`google`, `github`, ...). */
  names(): string[];
}

export const ExternalSignInProviders = Symbol('UserKit.ExternalSignInProviders');
