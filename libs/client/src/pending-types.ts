// Responses of routes built on other branches (issues 4, 5 and 6). Written by hand from their
// specification until their response DTOs are merged: then add those DTO files to
// scripts/generate-client-types.js, regenerate, and import these names from ./generated instead.

/** GET /me/sessions. */
export interface SessionResponse {
  id: string;
  current?: boolean;
  createdAt?: string;
  lastActiveAt?: string | null;
  expiresAt?: string;
  userAgent?: string | null;
  ipAddress?: string | null;
  [field: string]: unknown;
}

/** POST /me/2fa/totp: the secret to show as a QR code, before it is verified. */
export interface TotpSetupResponse {
  secret: string;
  uri?: string;
  [field: string]: unknown;
}

/** POST /me/external-accounts. */
export interface ExternalAccountStartResponse {
  externalVerificationRedirectURL: string;
}

/** POST /auth/login when a second factor is due. */
export interface SecondFactorChallengeResponse {
  twoFactorRequired: true;
  challenge: string;
}

/** GET /me/tokens/:template. */
export interface IntegrationTokenResponse {
  token: string;
}
