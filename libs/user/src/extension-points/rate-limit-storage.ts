import type { ThrottlerStorage } from '@nestjs/throttler';

/**
 * Where rate-limit counters live: @nestjs/throttler's storage interface, so any throttler storage
 * fits. The default keeps them in memory (one instance); give `RedisThrottlerStorage` (or another
 * shared store) through the `rateLimitStorage` option when several instances serve one app.
 */
export type RateLimitStorage = ThrottlerStorage;

export const RateLimitStorage = Symbol('RateLimitStorage');
