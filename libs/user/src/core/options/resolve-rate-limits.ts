import { availableParallelism } from 'node:os';
import {
  DEFAULT_RATE_LIMITS,
  type RateLimitName,
  type RateLimitRule,
} from '../rate-limit/rate-limit-names.js';
import type { UserModuleOptions } from './user-module-options.js';

export interface ResolvedLoadLimits {
  rateLimits: false | Record<RateLimitName, RateLimitRule>;
  hashingConcurrency: number;
  hashingQueueLimit: number;
}

/** Rate limits and the hashing queue: defaults, and problems pushed onto `problems`. */
export function resolveLoadLimits(
  options: UserModuleOptions,
  problems: string[],
): ResolvedLoadLimits {
  let rateLimits: ResolvedLoadLimits['rateLimits'] = false;
  if (options.rateLimits !== false) {
    rateLimits = { ...DEFAULT_RATE_LIMITS };
    for (const [name, rule] of Object.entries(options.rateLimits ?? {})) {
      if (!(name in DEFAULT_RATE_LIMITS)) {
        problems.push(
          `rateLimits.${name} is not a known bucket (${Object.keys(DEFAULT_RATE_LIMITS).join(', ')})`,
        );
      } else if (
        !rule ||
        !isPositiveInteger(rule.limit) ||
        !isPositiveInteger(rule.windowSeconds)
      ) {
        problems.push(`rateLimits.${name} needs a positive integer limit and windowSeconds`);
      } else {
        rateLimits[name as RateLimitName] = {
          limit: rule.limit,
          windowSeconds: rule.windowSeconds,
        };
      }
    }
  }
  if (![undefined, 'closed', 'open'].includes(options.rateLimitFailure))
    problems.push(
      `rateLimitFailure must be 'closed' or 'open', got ${String(options.rateLimitFailure)}`,
    );
  const hashingConcurrency = options.hashingConcurrency ?? availableParallelism();
  const hashingQueueLimit = options.hashingQueueLimit ?? hashingConcurrency * 16;
  if (!isPositiveInteger(hashingConcurrency))
    problems.push('hashingConcurrency must be a positive integer');
  if (!Number.isInteger(hashingQueueLimit) || hashingQueueLimit < 0) {
    problems.push('hashingQueueLimit must be an integer of at least 0');
  }
  return { rateLimits, hashingConcurrency, hashingQueueLimit };
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}
