import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiUserKitError } from './api-user-kit-errors.decorator.js';
import { RateLimitGuard } from '../guards/rate-limit.guard.js';
import type { RateLimitName } from '../rate-limit/rate-limit-names.js';
import { RATE_LIMIT_KEY } from '../tokens.js';

/** Counts the route against a named per-address bucket (see `rateLimits` in the options). */
export function RateLimit(name: RateLimitName): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(RATE_LIMIT_KEY, name),
    UseGuards(RateLimitGuard),
    ApiUserKitError(429, { description: `Over the "${name}" rate limit; see Retry-After` }),
  );
}
