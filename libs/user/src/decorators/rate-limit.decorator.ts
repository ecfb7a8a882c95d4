import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { RateLimitGuard } from '../guards/rate-limit.guard.js';
import type { RateLimitName } from '../rate-limit/rate-limit-names.js';
import { RATE_LIMIT_KEY } from '../tokens.js';

/** Counts the route against a named per-address bucket (see `rateLimits` in the options). */
export function RateLimit(name: RateLimitName): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(RATE_LIMIT_KEY, name),
    UseGuards(RateLimitGuard),
    ApiTooManyRequestsResponse({ description: `Over the "${name}" rate limit; see Retry-After` }),
  );
}
