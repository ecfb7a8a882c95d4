import type { ResolvedIdentifierOptions } from './resolve-identifier-options.js';
import type { RateLimitName, RateLimitRule } from '../rate-limit/rate-limit-names.js';
import type { ResolvedProfileOptions } from './resolve-profile-options.js';
import type { ResolvedUserField } from './resolve-field-options.js';
import type {
  RoleDefinition,
  SessionValidation,
  UserModuleOptions,
} from './user-module-options.js';
import type { SessionRevocationBroadcast } from '../extension-points/session-revocation-broadcast.js';

/** Options after defaults are applied and validation passed: what services read. */
export interface ResolvedUserOptions extends ResolvedProfileOptions {
  tokenSecret: string;
  tokenIssuer: string;
  accessTokenTtlSeconds: number;
  sessionValidation: SessionValidation;
  sessionRevocationBroadcast?: SessionRevocationBroadcast;
  refreshTokenTtlSeconds: number;
  passwordMinLength: number;
  passwordMaxLength: number;
  defaultRole: string;
  roles: RoleDefinition[];
  anonymousSignUp: boolean;
  selfDeletion: boolean;
  publicUrl?: string;
  rateLimits: false | Record<RateLimitName, RateLimitRule>;
  hashingConcurrency: number;
  hashingQueueLimit: number;
  identifiers: ResolvedIdentifierOptions;
  /** The host's declared fields (`fields`), in declaration order. */
  fields: ResolvedUserField[];
}

export type { UserModuleOptions };
