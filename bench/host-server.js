// The two minimal hosts of the host-overhead figure: one `@Get('public')` route in a bare Nest app
// (express, no helmet, no Swagger), or the same controller beside MikroORM (SQLite) and UserModule
// with its global guards, the route marked @Public(). What the library costs a host's route that
// does not use auth is the difference. Plain JavaScript on the built library (dist/libs/user), so
// the decorators are applied by hand.
//
// Environment: USERKIT=on|off (off: the bare host); REQUEST_CONTEXT=on|off (MikroORM's
// per-request context middleware, on by default; off, the library opens one on its own routes);
// UI=on|off (UserModule's prebuilt pages); USERKIT_DIR: another build of the library to load
// (default dist/libs/user), to compare two versions of it in one run.
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

const withUserKit = process.env.USERKIT === 'on';

class PublicController {
  public() {
    return { message: 'Hello, anyone' };
  }
}
Controller()(PublicController);
const method = Object.getOwnPropertyDescriptor(PublicController.prototype, 'public');
Get('public')(PublicController.prototype, 'public', method);

class HostModule {}
if (withUserKit) {
  const { MikroOrmModule } = await import('@mikro-orm/nestjs');
  const { ReflectMetadataProvider } = await import('@mikro-orm/decorators/legacy');
  const { Migrator } = await import('@mikro-orm/migrations');
  const { SqliteDriver } = await import('@mikro-orm/sqlite');
  const { Public, UserModule, USER_ENTITIES, USER_MIGRATIONS } = await import(
    `../${process.env.USERKIT_DIR || 'dist/libs/user'}/index.js`
  );
  Public()(PublicController.prototype, 'public', method);
  Module({
    imports: [
      MikroOrmModule.forRoot({
        driver: SqliteDriver,
        dbName: process.env.SQLITE_FILE,
        entities: USER_ENTITIES,
        metadataProvider: ReflectMetadataProvider,
        extensions: [Migrator],
        migrations: { migrationsList: USER_MIGRATIONS, snapshot: false, silent: true },
        allowGlobalContext: false,
        registerRequestContext: process.env.REQUEST_CONTEXT !== 'off',
      }),
      UserModule.forRoot({
        tokenSecret: 'bench-secret-bench-secret-bench-secret-0123',
        rateLimits: false,
        globalGuards: true,
        ui: process.env.UI === 'on',
      }),
    ],
    controllers: [PublicController],
  })(HostModule);
} else {
  Module({ controllers: [PublicController] })(HostModule);
}

const app = await NestFactory.create(HostModule, { logger: ['error', 'warn'] });
if (withUserKit) {
  const { MikroORM } = await import('@mikro-orm/core');
  await app.get(MikroORM).migrator.up();
}
await app.listen(Number(process.env.PORT), '127.0.0.1');
// A clean exit on SIGTERM, so `node --cpu-prof bench/host-server.js` writes its profile.
process.once('SIGTERM', () => app.close().then(() => process.exit(0)));
