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
    storage = new FailOpenRateLimitStorage(shared);
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
    const back = await storage.increment('k', 10_000, 3, 10_000, 'signIn');
    expect(back.totalHits).toBe(1);
    expect(shared.hits).toBe(1);
  });

  it('lets any other error of the store through', async () => {
    shared.state = 'broken';
    await expect(storage.increment('k', 10_000, 3, 10_000, 'signIn')).rejects.toThrow(TypeError);
  });
});
