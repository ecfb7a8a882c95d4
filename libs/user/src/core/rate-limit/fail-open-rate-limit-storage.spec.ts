import { jest } from '@jest/globals';
import type { RateLimitRecord, RateLimitStorage } from '../extension-points/rate-limit-storage.js';
import { FailOpenRateLimitStorage } from './fail-open-rate-limit-storage.js';

/** A shared store that is up, down (ioredis' error once its retries are spent) or broken. */
class SwitchableStore implements RateLimitStorage {
  state: 'up' | 'down' | 'broken' = 'up';
  hits = 0;
  async increment(): Promise<RateLimitRecord> {
    if (this.state === 'down')
      throw new Error('Reached the max retries per request limit (which is 1). Refer to ...');
    if (this.state === 'broken') throw new TypeError('not a store outage');
    this.hits += 1;
    return { totalHits: this.hits, timeToExpire: 10, isBlocked: false, timeToBlockExpire: 0 };
  }
}

describe('FailOpenRateLimitStorage', () => {
  let shared: SwitchableStore;
  let storage: FailOpenRateLimitStorage;
  beforeEach(() => {
    shared = new SwitchableStore();
    storage = new FailOpenRateLimitStorage(shared, 0);
  });
  afterEach(() => storage.onApplicationShutdown());

  it('counts in the shared store while it answers', async () => {
    await storage.increment('k', 10_000, 3, 10_000, 'signIn');
    await storage.increment('k', 10_000, 3, 10_000, 'signIn');
    expect(shared.hits).toBe(2);
  });

  it('counts in memory while the shared store is down, limits included, and goes back to it', async () => {
    shared.state = 'down';
    const records = [];
    for (let hit = 0; hit < 4; hit += 1)
      records.push(await storage.increment('k', 10_000, 3, 10_000, 'signIn'));
    expect(records.map((record) => record.isBlocked)).toEqual([false, false, false, true]);
    shared.state = 'up';
    // The next hit still counts in memory and probes the store in the background; once the probe
    // has answered, hits go to the store again.
    await storage.increment('k', 10_000, 3, 10_000, 'signIn');
    await new Promise((resolve) => setImmediate(resolve));
    expect(shared.hits).toBe(1);
    const back = await storage.increment('k', 10_000, 3, 10_000, 'signIn');
    expect(back.totalHits).toBe(2);
    expect(shared.hits).toBe(2);
  });

  it('does not wait on a store known to be down: it probes it once per interval', async () => {
    const slow = new FailOpenRateLimitStorage(shared, 60_000);
    shared.state = 'down';
    await slow.increment('k', 10_000, 3, 10_000, 'signIn');
    const calls = jest.spyOn(shared, 'increment');
    for (let hit = 0; hit < 5; hit += 1) await slow.increment('k', 10_000, 30, 10_000, 'signIn');
    expect(calls).not.toHaveBeenCalled();
    slow.onApplicationShutdown();
  });

  it('lets any other error of the store through', async () => {
    shared.state = 'broken';
    await expect(storage.increment('k', 10_000, 3, 10_000, 'signIn')).rejects.toThrow(TypeError);
  });
});
