/** One address a provider reports, with the verification the library trusts (see each provider). */
export interface OAuthProfileEmail {
  email: string;
  verified: boolean;
  primary: boolean;
}

/**
 * A provider's profile reduced to what the library stores. Nothing else is read: fields such as
 * `role`, `isAdmin` or metadata in a provider's answer never reach the user.
 */
export interface OAuthProfile {
  providerUserId: string;
  emails: OAuthProfileEmail[];
  displayName: string | null;
  firstName: string | null;
  lastName: string | null;
  picture: string | null;
}
