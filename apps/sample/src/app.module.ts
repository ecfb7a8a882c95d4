import { MikroORM } from '@mikro-orm/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import {
  Inject,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import {
  GracefulShutdown,
  LoggingMessageSender,
  RedisSessionRevocationBroadcast,
  RedisThrottlerStorage,
  UserKitException,
  UserModule,
  UsersService,
  type UserModuleOptions,
} from '@userkit/user';
import type { Redis } from 'ioredis';
import { InfrastructureModule, REDIS_CLIENT, SAMPLE_CONFIG } from './infrastructure.module.js';
import { databaseOptions } from './database-options.js';
import { HealthController } from './health.controller.js';
import { HelloController } from './hello.controller.js';
import { OrganizationHelloController } from './organization-hello.controller.js';
import { TerminusModule } from '@nestjs/terminus';
import { EventEmitterModule } from '@nestjs/event-emitter';
import type { SampleConfig } from './sample-config.js';
import { DevelopmentMessageSender } from './development-message-sender.js';
import { featureModules, splitOverrides, type SampleOverrides } from './feature-modules.js';

export { SAMPLE_UI_PATH } from './feature-modules.js';

/** UserModule options from the sample's environment; `overrides` lets tests swap collaborators. */
export function userOptionsFrom(
  config: SampleConfig,
  redis: Redis | null = null,
): UserModuleOptions {
  return {
    rateLimits: config.rateLimit ? undefined : false,
    rateLimitStorage: redis ? new RedisThrottlerStorage(redis) : undefined,
    rateLimitFailure: config.rateLimitFailure,
    tokenSecret: config.jwtSecret,
    sessionValidation: config.sessionValidation,
    // Stateless sessions on several instances: a logout reaches the others through Redis.
    sessionRevocationBroadcast:
      redis && config.sessionValidation === 'stateless'
        ? new RedisSessionRevocationBroadcast(redis)
        : undefined,
    anonymousSignUp: config.anonymousSignUp,
    identifiers: config.identifiers,
    requireVerifiedEmail: config.requireVerifiedEmail,
    // With the pages on, reset links point at their reset form, under GLOBAL_PREFIX when it is set.
    publicUrl: config.publicUrl,
    // Codes and reset links: mailed when SMTP_URL is set (phone codes, which SMTP cannot carry,
    // logged), else all written to the log (development).
    messageSender: config.smtpUrl
      ? new DevelopmentMessageSender({ transport: config.smtpUrl, from: config.smtpFrom })
      : new LoggingMessageSender(),
  };
}

@Module({})
export class AppModule implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly orm: MikroORM,
    private readonly users: UsersService,
    @Inject(SAMPLE_CONFIG) private readonly config: SampleConfig,
  ) {}

  static register(config: SampleConfig, overrides: SampleOverrides = {}): DynamicModule {
    // UserModule refuses the feature modules' options (they left it after 0.1.0): each its own.
    const { core, features } = splitOverrides(overrides);
    return {
      module: AppModule,
      imports: [
        MikroOrmModule.forRoot(
          databaseOptions(config.databaseUrl, config.logDatabase, config.databasePool),
        ),
        InfrastructureModule.register(config),
        TerminusModule.forRoot({ logger: false }),
        // UserModule emits user.* and session.* events on it; without it, nothing is emitted.
        EventEmitterModule.forRoot(),
        UserModule.forRootAsync({
          inject: [REDIS_CLIENT],
          useFactory: (redis: Redis | null) => ({
            ...userOptionsFrom(config, redis),
            ...core,
          }),
          globalGuards: true,
        }),
        ...featureModules(config, features),
      ],
      controllers: [HelloController, OrganizationHelloController, HealthController],
      // main.ts installs its signal handlers; the readiness check reads `draining`.
      providers: [{ provide: GracefulShutdown, useValue: new GracefulShutdown(config.shutdown) }],
    };
  }

  /** Brings the schema up to date before UserModule declares its roles (onApplicationBootstrap). */
  async onModuleInit(): Promise<void> {
    await this.orm.migrator.up();
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.adminEmail && this.config.adminPassword) {
      try {
        await this.users.ensureAdmin(this.config.adminEmail, this.config.adminPassword);
      } catch (error) {
        const details =
          error instanceof UserKitException ? JSON.stringify(error.getResponse()) : String(error);
        throw new Error(`ADMIN_EMAIL/ADMIN_PASSWORD could not be applied: ${details}`, {
          cause: error,
        });
      }
    }
  }
}
