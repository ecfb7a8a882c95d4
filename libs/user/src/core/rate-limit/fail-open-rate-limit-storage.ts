import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { RateLimitRecord, RateLimitStorage } from '../extension-points/rate-limit-storage.js';
import { isStoreUnavailable } from '../filters/service-unavailable.filter.js';
import { MemoryThrottlerStorage } from './memory-throttler-storage.js';

/**
 * `rateLimitFailure: 'open'`: while the shared storage (Redis) is unreachable, counts in this
 * process's memory instead of refusing, so sign-in stays open with per-instance limits (an
 * attacker spreading over N instances gets N times the allowance until the storage is back).
 * Any other error of the storage still propagates.
 */
export class FailOpenRateLimitStorage implements RateLimitStorage, OnApplicationShutdown {
  private readonly fallback = new MemoryThrottlerStorage();
  private readonly logger = new Logger('UserKit');
  private failing = false;

  constructor(private readonly shared: RateLimitStorage) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<RateLimitRecord> {
    try {
      const record = await this.shared.increment(key, ttl, limit, blockDuration, throttlerName);
      if (this.failing) {
        this.failing = false;
        this.logger.log('Rate-limit storage answers again: counting there');
      }
      return record;
    } catch (error) {
      if (!isStoreUnavailable(error)) throw error;
      if (!this.failing) {
        this.failing = true;
        this.logger.warn('Rate-limit storage unavailable: counting in memory (fail open)');
      }
      return this.fallback.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }

  onApplicationShutdown(): void {
    this.fallback.onApplicationShutdown();
  }
}
