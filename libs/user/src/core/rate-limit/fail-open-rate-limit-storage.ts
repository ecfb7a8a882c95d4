import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { RateLimitRecord, RateLimitStorage } from '../extension-points/rate-limit-storage.js';
import { isStoreUnavailable } from '../filters/service-unavailable.filter.js';
import { MemoryThrottlerStorage } from './memory-throttler-storage.js';

/**
 * `rateLimitFailure: 'open'`: while the shared storage (Redis) is unreachable, counts in this
 * process's memory instead of refusing, so sign-in stays open with per-instance limits (an
 * attacker spreading over N instances gets N times the allowance until the storage is back).
 * Any other error of the storage still propagates. Once the storage has failed, hits go straight
 * to memory (no request waits on a storage that is down); every `probeIntervalMs` one hit is also
 * sent to the storage in the background, and its success switches back.
 */
export class FailOpenRateLimitStorage implements RateLimitStorage, OnApplicationShutdown {
  private readonly fallback = new MemoryThrottlerStorage();
  private readonly logger = new Logger('UserKit');
  private failing = false;
  private lastProbe = 0;

  constructor(
    private readonly shared: RateLimitStorage,
    private readonly probeIntervalMs = 1000,
  ) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<RateLimitRecord> {
    if (this.failing) {
      if (Date.now() - this.lastProbe >= this.probeIntervalMs) {
        this.lastProbe = Date.now();
        this.shared.increment(key, ttl, limit, blockDuration, throttlerName).then(
          () => this.recovered(),
          () => undefined,
        );
      }
      return this.fallback.increment(key, ttl, limit, blockDuration, throttlerName);
    }
    try {
      return await this.shared.increment(key, ttl, limit, blockDuration, throttlerName);
    } catch (error) {
      if (!isStoreUnavailable(error)) throw error;
      if (!this.failing) {
        this.failing = true;
        this.lastProbe = Date.now();
        this.logger.warn('Rate-limit storage unavailable: counting in memory (fail open)');
      }
      return this.fallback.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }

  private recovered(): void {
    if (!this.failing) return;
    this.failing = false;
    this.logger.log('Rate-limit storage answers again: counting there');
  }

  onApplicationShutdown(): void {
    this.fallback.onApplicationShutdown();
  }
}
