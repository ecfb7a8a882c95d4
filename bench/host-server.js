// The minimal hosts of the host-overhead figure: one `@Get('public')` route (express, no helmet,
// no Swagger) in a host that owns MikroORM (SQLite, the library's entities and migrations listed
// as the README says), with or without UserModule and its global guards (the route @Public()).
// What the library costs a host's route that does not use auth is the difference. Beside them: a
// bare Nest host (no MikroORM), and the MikroORM host with one global guard that does nothing
// (Nest's own cost of any global guard, the floor of a library that has one). Plain JavaScript on
// the built library (dist/libs/user), so the decorators are applied by hand.
//
// Environment: USERKIT=on|off (UserModule, globalGuards); ORM=on|off (MikroORM, on by default;
// off with USERKIT=off: the bare host); REQUEST_CONTEXT=on|off (MikroORM's per-request context
// middleware, on by default; off, the library opens one on its own routes); NOOP_GUARD=on (one
// global guard answering true); UI=on|off (UserPagesModule, the prebuilt pages); USERKIT_DIR: another
// build of the library to load (default dist/libs/user), to compare two versions in one run.
import 'reflect-metadata';
import { Controller, Get, Injectable, Module } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';

const withUserKit = process.env.USERKIT === 'on';
const withOrm = withUserKit || process.env.ORM !== 'off';

class PublicController {
  public() {
    return { message: 'Hello, anyone' };
  }
}
Controller()(PublicController);
const method = Object.getOwnPropertyDescriptor(PublicController.prototype, 'public');
Get('public')(PublicController.prototype, 'public', method);

class NoopGuard {
  canActivate() {
    return true;
  }
}
Injectable()(NoopGuard);

const imports = [];
const providers = [];
if (withOrm) {
  const { MikroOrmModule } = await import('@mikro-orm/nestjs');
  const { ReflectMetadataProvider } = await import('@mikro-orm/decorators/legacy');
  const { Migrator } = await import('@mikro-orm/migrations');
  const { SqliteDriver } = await import('@mikro-orm/sqlite');
  const library = await import(`../${process.env.USERKIT_DIR || 'dist/libs/user'}/index.js`);
  imports.push(
    MikroOrmModule.forRoot({
      driver: SqliteDriver,
      dbName: process.env.SQLITE_FILE,
      entities: library.USER_ENTITIES,
      metadataProvider: ReflectMetadataProvider,
      extensions: [Migrator],
      migrations: { migrationsList: library.USER_MIGRATIONS, snapshot: false, silent: true },
      allowGlobalContext: false,
      registerRequestContext: process.env.REQUEST_CONTEXT !== 'off',
    }),
  );
  if (withUserKit) {
    library.Public()(PublicController.prototype, 'public', method);
    imports.push(
      library.UserModule.forRoot({
        tokenSecret: 'bench-secret-bench-secret-bench-secret-0123',
        rateLimits: false,
        globalGuards: true,
      }),
    );
    if (process.env.UI === 'on') {
      const pages = await import(
        `../${process.env.USERKIT_DIR || 'dist/libs/user'}/pages/index.js`
      );
      imports.push(pages.UserPagesModule.forRoot({ path: '/account' }));
    }
  }
}
if (process.env.NOOP_GUARD === 'on') providers.push({ provide: APP_GUARD, useClass: NoopGuard });
class HostModule {}
Module({ imports, providers, controllers: [PublicController] })(HostModule);

const app = await NestFactory.create(HostModule, { logger: ['error', 'warn'] });
if (withOrm) {
  const { MikroORM } = await import('@mikro-orm/core');
  await app.get(MikroORM).migrator.up();
}
await app.listen(Number(process.env.PORT), '127.0.0.1');
// A clean exit on SIGTERM, so `node --cpu-prof bench/host-server.js` writes its profile.
process.once('SIGTERM', () => app.close().then(() => process.exit(0)));
