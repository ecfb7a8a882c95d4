import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { SampleConfig } from './sample-config.js';

export const REDIS_CLIENT = Symbol('REDIS_CLIENT');
export const SAMPLE_CONFIG = Symbol('SAMPLE_CONFIG');

/**
 * One command fails after one reconnection attempt (the limited routes answer 503 or fall back to
 * memory, RATE_LIMIT_FAILURE) instead of waiting; an outage and the return are logged once each.
 */
function redisClient(url: string): Redis {
  const logger = new Logger('Redis');
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  let down = false;
  client.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.warn(`Redis unavailable (${error.message}): reconnecting`);
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    logger.log('Redis is back');
  });
  return client;
}

/** The sample's shared infrastructure: its config and, when REDIS_URL is set, one Redis client. */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis | null) {}

  static register(config: SampleConfig) {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: SAMPLE_CONFIG, useValue: config },
        {
          provide: REDIS_CLIENT,
          useFactory: () => (config.redisUrl ? redisClient(config.redisUrl) : null),
        },
      ],
      exports: [SAMPLE_CONFIG, REDIS_CLIENT],
    };
  }

  onApplicationShutdown(): void {
    // disconnect, not quit: quit would wait for a Redis that may be gone.
    this.redis?.disconnect();
  }
}
