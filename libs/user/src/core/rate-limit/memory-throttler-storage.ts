import type { OnApplicationShutdown } from '@nestjs/common';
import type { RateLimitRecord, RateLimitStorage } from '../extension-points/rate-limit-storage.js';

interface Counter {
  hits: number;
  expiresAt: number;
  blockedUntil: number;
}

/**
 * The default RateLimitStorage: the throttler storage contract kept in this process's
 * memory (one instance only; use RedisThrottlerStorage for several). Same fixed-window-and-block
 * semantics as the Redis script. Written here because @nestjs/throttler 6 is CommonJS and cannot
 * be loaded next to Nest 12's ESM packages under jest's ESM runtime.
 */
export class MemoryThrottlerStorage implements RateLimitStorage, OnApplicationShutdown {
  private readonly counters = new Map<string, Counter>();
  private readonly sweeper = setInterval(() => this.sweep(), 60_000).unref();

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<RateLimitRecord> {
    const now = Date.now();
    const id = `${throttlerName}:${key}`;
    let counter = this.counters.get(id);
    if (!counter || (counter.expiresAt <= now && counter.blockedUntil <= now)) {
      counter = { hits: 0, expiresAt: now + ttl, blockedUntil: 0 };
      this.counters.set(id, counter);
    }
    if (counter.blockedUntil > now) return this.record(counter, now);
    if (counter.expiresAt <= now) {
      counter.hits = 0;
      counter.expiresAt = now + ttl;
    }
    counter.hits += 1;
    if (counter.hits > limit && blockDuration > 0) counter.blockedUntil = now + blockDuration;
    return this.record(counter, now);
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweeper);
  }

  private record(counter: Counter, now: number): RateLimitRecord {
    return {
      totalHits: counter.hits,
      timeToExpire: Math.max(0, Math.ceil((counter.expiresAt - now) / 1000)),
      isBlocked: counter.blockedUntil > now,
      timeToBlockExpire: Math.max(0, Math.ceil((counter.blockedUntil - now) / 1000)),
    };
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, counter] of this.counters) {
      if (counter.expiresAt <= now && counter.blockedUntil <= now) this.counters.delete(id);
    }
  }
}
