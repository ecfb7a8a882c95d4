/** One counter after a hit: @nestjs/throttler's `ThrottlerStorageRecord`. */
export interface RateLimitRecord {
  totalHits: number;
  /** Seconds until the window's count resets. */
  timeToExpire: number;
  isBlocked: boolean;
  /** Seconds until the block ends (0 when not blocked). */
  timeToBlockExpire: number;
}

/**
 * Where rate-limit counters live. Written out to match @nestjs/throttler's `ThrottlerStorage`, so
 * any throttler storage fits without the library depending on that package. The default keeps
 * them in memory (one instance); give `RedisThrottlerStorage` (or another shared store) through
 * the `rateLimitStorage` option when several instances serve one app.
 */
export interface RateLimitStorage {
  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<RateLimitRecord>;
}

export const RateLimitStorage = Symbol('RateLimitStorage');
