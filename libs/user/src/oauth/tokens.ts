/** UserOAuthModule's resolved options (ResolvedOAuthOptions): what its services read. */
export const OAUTH_OPTIONS = Symbol('UserKit.OAuthOptions');
