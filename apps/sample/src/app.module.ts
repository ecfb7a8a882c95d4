import { MikroORM } from '@mikro-orm/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import {
  Inject,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { UserKitException, UserModule, UsersService, type UserModuleOptions } from '@userkit/user';
import { databaseOptions } from './database-options.js';
import { HelloController } from './hello.controller.js';
import type { SampleConfig } from './sample-config.js';

const SAMPLE_CONFIG = Symbol('SAMPLE_CONFIG');

/** UserModule options from the sample's environment; `overrides` lets tests swap collaborators. */
export function userOptionsFrom(config: SampleConfig): UserModuleOptions {
  return {
    tokenSecret: config.jwtSecret,
    anonymousSignUp: config.anonymousSignUp,
    publicUrl: config.publicUrl,
    redirectAllowList: config.redirectAllowList,
  };
}

@Module({})
export class AppModule implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly orm: MikroORM,
    private readonly users: UsersService,
    @Inject(SAMPLE_CONFIG) private readonly config: SampleConfig,
  ) {}

  static register(config: SampleConfig, overrides: Partial<UserModuleOptions> = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        MikroOrmModule.forRoot(databaseOptions(config.databaseUrl, config.logDatabase)),
        UserModule.forRootAsync({
          useFactory: () => ({ ...userOptionsFrom(config), ...overrides }),
          globalGuards: true,
        }),
      ],
      controllers: [HelloController],
      providers: [{ provide: SAMPLE_CONFIG, useValue: config }],
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
