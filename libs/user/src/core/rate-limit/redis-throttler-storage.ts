import type { RateLimitRecord, RateLimitStorage } from '../extension-points/rate-limit-storage.js';

/**
 * The one command the storage sends: an ioredis `Redis` or `Cluster` fits (so does any client with
 * an ioredis-style `eval`), without the library's types depending on ioredis.
 */
export interface RedisScriptClient {
  eval(
    script: string,
    numberOfKeys: number,
    ...keysAndArgs: Array<string | number>
  ): Promise<unknown>;
}

/**
 * One atomic step per hit (a Lua script), so parallel requests on any number of instances cannot
 * slip past a limit: count in a fixed window, and block for blockDuration once over the limit.
 * Returns [totalHits, msToExpire, blocked (0/1), msToBlockExpire].
 */
const INCREMENT_SCRIPT = `
local hits_key = KEYS[1]
local block_key = KEYS[2]
local ttl = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local block_duration = tonumber(ARGV[3])
local block_ttl = redis.call('PTTL', block_key)
if block_ttl > 0 then
  local hits = tonumber(redis.call('GET', hits_key) or '0')
  return {hits, redis.call('PTTL', hits_key), 1, block_ttl}
end
local hits = redis.call('INCR', hits_key)
if hits == 1 then redis.call('PEXPIRE', hits_key, ttl) end
local hits_ttl = redis.call('PTTL', hits_key)
if hits > limit and block_duration > 0 then
  redis.call('SET', block_key, '1', 'PX', block_duration)
  return {hits, hits_ttl, 1, block_duration}
end
return {hits, hits_ttl, 0, 0}
`;

/** A RateLimitStorage on Redis (ioredis), shared by every app instance. */
export class RedisThrottlerStorage implements RateLimitStorage {
  constructor(
    private readonly redis: RedisScriptClient,
    private readonly prefix = 'userkit:rl:',
  ) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<RateLimitRecord> {
    const base = `${this.prefix}${throttlerName}:${key}`;
    const [totalHits, msToExpire, blocked, msToBlockExpire] = (await this.redis.eval(
      INCREMENT_SCRIPT,
      2,
      `${base}:hits`,
      `${base}:block`,
      ttl,
      limit,
      blockDuration,
    )) as [number, number, number, number];
    return {
      totalHits,
      timeToExpire: Math.ceil(Math.max(msToExpire, 0) / 1000),
      isBlocked: blocked === 1,
      timeToBlockExpire: Math.ceil(Math.max(msToBlockExpire, 0) / 1000),
    };
  }
}
