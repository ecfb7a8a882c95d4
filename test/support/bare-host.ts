import { MikroORM } from '@mikro-orm/core';
import { MikroOrmModule, type MikroOrmModuleSyncOptions } from '@mikro-orm/nestjs';
import {
  Module,
  type DynamicModule,
  type INestApplication,
  type ModuleMetadata,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { databaseOptions } from '../../apps/sample/src/database-options.js';
import type { Http } from './http.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface BareHostOptions {
  /** UserModule as the host configures it (forRoot or forRootAsync). */
  userModule: DynamicModule;
  /** The host's other modules, imported after UserModule. */
  imports?: ModuleMetadata['imports'];
  controllers?: ModuleMetadata['controllers'];
  providers?: ModuleMetadata['providers'];
  /** Host changes to MikroORM's options (e.g. `registerRequestContext: false`). */
  orm?: MikroOrmModuleSyncOptions;
  /** Runs on the created app before migrations and init: prefix, versioning. */
  beforeInit?: (app: INestApplication) => void;
  /** Listens on 127.0.0.1 at this port instead of only initialising. */
  listenPort?: number;
}

export interface BareHost {
  app: INestApplication;
  http: Http;
  database: TestDatabase;
  close(): Promise<void>;
}

/** A host module of its own (not the sample): MikroORM on a throwaway database plus UserModule. */
export async function startBareHost(options: BareHostOptions): Promise<BareHost> {
  const database = await createTestDatabase();
  @Module({
    imports: [
      MikroOrmModule.forRoot({ ...databaseOptions(database.url), ...options.orm }),
      options.userModule,
      ...(options.imports ?? []),
    ],
    controllers: options.controllers ?? [],
    providers: options.providers ?? [],
  })
  class BareHostModule {}
  let app: INestApplication;
  try {
    // Refused options throw here, before there is an app to close.
    app = await NestFactory.create(BareHostModule, { logger: false, abortOnError: false });
  } catch (error) {
    await database.drop();
    throw error;
  }
  try {
    options.beforeInit?.(app);
    await app.get(MikroORM).migrator.up();
    if (options.listenPort === undefined) await app.init();
    else await app.listen(options.listenPort, '127.0.0.1');
  } catch (error) {
    await app.close();
    await database.drop();
    throw error;
  }
  return {
    app,
    http: request(app.getHttpServer()),
    database,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
