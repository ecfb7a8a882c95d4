/** The buckets routes are limited by. A bucket is named, not a path, so path variants share it. */
export type RateLimitName =
  | 'signIn'
  | 'signUp'
  | 'refresh'
  | 'password'
  | 'sendMessage'
  | 'codeSubmit'
  | 'oauthStart'
  | 'profileImage'
  | 'dataExport';

export interface RateLimitRule {
  /** Requests allowed per window and client address. */
  limit: number;
  windowSeconds: number;
}

/** Near OWASP's guidance: a few tries per 10 s for credentials, 3 a minute for sending messages. */
export const DEFAULT_RATE_LIMITS: Record<RateLimitName, RateLimitRule> = {
  signIn: { limit: 3, windowSeconds: 10 },
  signUp: { limit: 3, windowSeconds: 10 },
  password: { limit: 3, windowSeconds: 10 },
  refresh: { limit: 30, windowSeconds: 60 },
  sendMessage: { limit: 3, windowSeconds: 60 },
  codeSubmit: { limit: 10, windowSeconds: 60 },
  oauthStart: { limit: 10, windowSeconds: 60 },
  // Each upload is up to 5 MB of memory and disk.
  profileImage: { limit: 5, windowSeconds: 60 },
  // Each export reads every row the user has (sessions and the audit trail included).
  dataExport: { limit: 3, windowSeconds: 60 },
};
