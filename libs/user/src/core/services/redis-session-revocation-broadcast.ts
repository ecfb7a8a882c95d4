import type { SessionRevocationBroadcast } from '../extension-points/session-revocation-broadcast.js';

/**
 * The commands the broadcast sends: an ioredis `Redis` fits, without the library's types depending
 * on ioredis. A subscribed connection can do nothing else, so listening uses a `duplicate()`.
 */
export interface RedisPublishClient {
  publish(channel: string, message: string): Promise<unknown>;
  duplicate(): RedisSubscribeClient;
}

export interface RedisSubscribeClient {
  subscribe(channel: string): Promise<unknown>;
  on(event: 'message', listener: (channel: string, message: string) => void): unknown;
  disconnect(): void;
}

/** At most this many ids are read from one message: a message is a logout or one user's sessions. */
const MAX_IDS_PER_MESSAGE = 10_000;

/** SessionRevocationBroadcast on Redis pub/sub (ioredis): every instance subscribed hears each. */
export class RedisSessionRevocationBroadcast implements SessionRevocationBroadcast {
  constructor(
    private readonly redis: RedisPublishClient,
    private readonly channel = 'userkit:revoked-sessions',
  ) {}

  async publish(sessionIds: readonly string[]): Promise<void> {
    if (sessionIds.length > 0) await this.redis.publish(this.channel, JSON.stringify(sessionIds));
  }

  async subscribe(listener: (sessionIds: string[]) => void): Promise<() => Promise<void>> {
    const subscriber = this.redis.duplicate();
    subscriber.on('message', (channel, message) => {
      if (channel !== this.channel) return;
      const ids = parseIds(message);
      if (ids.length > 0) listener(ids);
    });
    try {
      await subscriber.subscribe(this.channel);
    } catch (error) {
      subscriber.disconnect();
      throw error;
    }
    return async () => subscriber.disconnect();
  }
}

/** The ids of a message; anything else on the channel (not ours, malformed) is ignored. */
function parseIds(message: string): string[] {
  try {
    const parsed: unknown = JSON.parse(message);
    if (!Array.isArray(parsed)) return [];
    return parsed
      .slice(0, MAX_IDS_PER_MESSAGE)
      .filter((id): id is string => typeof id === 'string' && id.length > 0 && id.length <= 64);
  } catch {
    return [];
  }
}
