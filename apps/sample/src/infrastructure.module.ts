import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { SampleConfig } from './sample-config.js';

export const REDIS_CLIENT = Symbol('REDIS_CLIENT');
export const SAMPLE_CONFIG = Symbol('SAMPLE_CONFIG');

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
          useFactory: () =>
            config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1 }) : null,
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
