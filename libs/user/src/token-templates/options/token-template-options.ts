/** What a token template's claims may be built from (`GET /me/tokens/:template`). */
export interface TokenTemplateUser {
  id: string;
  email: string | null;
  emailVerified: boolean;
  phoneNumber: string | null;
  phoneNumberVerified: boolean;
  displayName: string | null;
  roles: string[];
  isAnonymous: boolean;
  /** Every standard attribute, whatever its access settings: the host wrote the template. */
  standardAttributes: Record<string, unknown>;
  customAttributes: Record<string, unknown>;
  publicMetadata: Record<string, unknown>;
}

/** A JWT for another service, like Clerk's JWT templates. */
export interface TokenTemplate {
  /**
   * Claim name → a field of TokenTemplateUser by path (`email`, `roles`,
   * `customAttributes.plan`, `publicMetadata.org.id`), or a function building the claims.
   * `iss`, `sub`, `aud`, `exp`, `iat`, `nbf` and `jti` are always set by the library.
   */
  claims: Record<string, string> | ((user: TokenTemplateUser) => Record<string, unknown>);
  /** Seconds. Default 60. */
  lifetimeSeconds?: number;
  audience?: string | string[];
}

/** Claims the library sets itself; templates may not replace them. */
export const RESERVED_TOKEN_CLAIMS = ['iss', 'sub', 'aud', 'exp', 'iat', 'nbf', 'jti'];
