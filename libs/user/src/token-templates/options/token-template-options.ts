import type { JsonWebKey } from 'node:crypto';

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
  /**
   * The active organization of the session that asked (`PUT /me/session/organization`, with
   * UserOrganizationsModule): `org.id`, `org.slug`, `org.role`. Null without one (its claims are
   * left out), and for a token issued without a session.
   */
  org: { id: string; slug: string; role: string } | null;
}

/**
 * Claim name → a field of TokenTemplateUser by path (`email`, `roles`, `customAttributes.plan`,
 * `publicMetadata.team`, `org.id`), or a function building the claims. Unset values are left out.
 */
export type TokenClaimsMapping =
  Record<string, string> | ((user: TokenTemplateUser) => Record<string, unknown>);

/**
 * A claim the caller may add per call (`getToken(template, { claims })`): its type and bounds.
 * Anything the rule does not name is refused with 400 `TOKEN_CLAIMS_INVALID`.
 */
export type CallerClaimRule = (
  | {
      type: 'string';
      /** Default 256, at most 1024. */
      maxLength?: number;
      pattern?: RegExp;
      enum?: string[];
    }
  | { type: 'number' | 'integer'; minimum?: number; maximum?: number }
  | { type: 'boolean' }
  | {
      type: 'string[]';
      /** Default 20, at most 100. */
      maxItems?: number;
      /** Of each item: default 256, at most 1024. */
      maxLength?: number;
      pattern?: RegExp;
      enum?: string[];
    }
) & {
  /** A last check with the user at hand (e.g. "one of the user's roles"): false refuses. */
  check?: (value: unknown, user: TokenTemplateUser) => boolean;
};

interface TokenTemplateCommon {
  /** Seconds. Default 60 (firebase: 3600, at most 3600). */
  lifetimeSeconds?: number;
  /** The claims a caller may add per call, by name (none by default). */
  callerClaims?: Record<string, CallerClaimRule>;
}

/** A JWT of your own shape for another service, like Clerk's JWT templates. */
export interface GenericTokenTemplate extends TokenTemplateCommon {
  preset?: 'generic';
  /** `iss`, `sub`, `aud`, `exp`, `iat`, `nbf` and `jti` are always set by the library. */
  claims: TokenClaimsMapping;
  audience?: string | string[];
}

/** Hasura's JWT mode: the session variables under `https://hasura.io/jwt/claims`. */
export interface HasuraTokenTemplate extends TokenTemplateCommon {
  preset: 'hasura';
  /** `x-hasura-default-role` when the user holds it, else the first of their roles. Default `user`. */
  defaultRole?: string;
  /** More session variables (names `x-hasura-…`), as strings; Hasura reads only strings. */
  claims?: TokenClaimsMapping;
  audience?: string | string[];
}

/** A Google service account, as its JSON key file has it or in camel case. */
export type FirebaseServiceAccount =
  | { clientEmail: string; privateKey: string | JsonWebKey; privateKeyId?: string }
  | { client_email: string; private_key: string; private_key_id?: string };

/**
 * A Firebase custom token (for `signInWithCustomToken`): RS256 with the service account's key,
 * `iss` = `sub` = its email, Google's Identity Toolkit audience, the user's id as `uid`.
 */
export interface FirebaseTokenTemplate extends TokenTemplateCommon {
  preset: 'firebase';
  serviceAccount: FirebaseServiceAccount;
  /** Developer claims (the token's `claims`), copied into the user's Firebase ID tokens. */
  claims?: TokenClaimsMapping;
  /** `tenant_id`, for a project with multi-tenancy. */
  tenantId?: string;
}

export type TokenTemplate = GenericTokenTemplate | HasuraTokenTemplate | FirebaseTokenTemplate;

/** Claims the library sets itself; templates and callers may not replace them. */
export const RESERVED_TOKEN_CLAIMS = ['iss', 'sub', 'aud', 'exp', 'iat', 'nbf', 'jti'];
