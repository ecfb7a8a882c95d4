import type { User } from '../entities/user.entity.js';

/** What a sign-in, sign-up or refresh hands back; the controller maps it to a TokenResponse. */
export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  sessionId: string;
  user: User;
  /** An impersonation session's admin (its token answers show `user.impersonatedBy`). */
  impersonatorId?: string;
}
