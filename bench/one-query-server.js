// The ceiling of any route that reads the database once: a Nest app (express, as the sample)
// whose one route runs exactly one primary-key SELECT of a user row, through the driver the
// sample's MikroORM uses (a pg Pool of DATABASE_POOL_SIZE connections with a named prepared
// statement; better-sqlite3 with a statement prepared once). A guarded route adds the token check
// and the library's work to exactly this. Plain JavaScript, so the decorators are applied by hand.
//
// Environment: DATABASE_URL (`postgresql://…` or `sqlite:PATH`), ROW_ID (the user read), PORT.
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

const url = process.env.DATABASE_URL ?? '';
const rowId = process.env.ROW_ID ?? '';
const SELECT = 'select * from "userkit_users" where "id" = ';

let readRow;
let close = async () => {};
if (url.startsWith('sqlite:')) {
  const { default: Database } = await import('better-sqlite3');
  const database = new Database(url.slice('sqlite:'.length));
  const statement = database.prepare(`${SELECT}?`);
  readRow = async () => statement.get(rowId);
  close = async () => database.close();
} else {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  });
  readRow = async () =>
    (await pool.query({ name: 'one_query', text: `${SELECT}$1`, values: [rowId] })).rows[0];
  close = () => pool.end();
}

class OneQueryController {
  async read() {
    const row = await readRow();
    return { id: row?.id ?? null };
  }

  ready() {
    return { ok: true };
  }
}
const method = (name) => Object.getOwnPropertyDescriptor(OneQueryController.prototype, name);
Controller()(OneQueryController);
Get('one-query')(OneQueryController.prototype, 'read', method('read'));
Get('ready')(OneQueryController.prototype, 'ready', method('ready'));

class OneQueryModule {}
Module({ controllers: [OneQueryController] })(OneQueryModule);

const app = await NestFactory.create(OneQueryModule, { logger: false });
await app.listen(Number(process.env.PORT), '127.0.0.1');
process.once('SIGTERM', () =>
  app
    .close()
    .then(close)
    .then(() => process.exit(0)),
);
