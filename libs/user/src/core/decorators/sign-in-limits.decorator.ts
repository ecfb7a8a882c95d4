import type { RateLimitName } from '../rate-limit/rate-limit-names.js';
import { ApiUserKitError } from './api-user-kit-errors.decorator.js';

/**
 * The 429s of a route that checks a password or a second factor: the address's bucket, and the
 * account's guessing limits. Placed above `@RateLimit(name)`, it replaces that 429's description.
 */
export function ApiSignInLimitsResponse(name: RateLimitName): MethodDecorator {
  return ApiUserKitError(429, {
    description:
      `Over the "${name}" rate limit (RATE_LIMITED); this client waits after 5 failed tries ` +
      'at this account (SIGN_IN_BACKOFF, 1 s doubling to 15 min); or password sign-in is off ' +
      'after 100 consecutive failures until a password reset (PASSWORD_SIGN_IN_DISABLED; its ' +
      'Retry-After of 900 s is only when to check back: waiting does not end it). A second ' +
      'factor after a provider sign-in is not refused by that lock',
  });
}
