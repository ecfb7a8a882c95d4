// The ceiling of any sign-in over HTTP on this machine: a Nest app (express, as the sample) whose
// one route does nothing but the argon2id verification at the library's parameters. A sign-in
// adds its database work, validation and tokens to exactly this, so sign-ins ÷ raw verifies can
// at best reach what this route reaches. Plain JavaScript, so the decorators are applied by hand.
import 'reflect-metadata';
import { Body, Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { hash, verify } from '@node-rs/argon2';
import { ARGON2, PASSWORD } from './parameters.js';

const stored = await hash(PASSWORD, ARGON2);

class HashRouteController {
  async verify(body) {
    return { ok: await verify(stored, String(body?.password ?? '')) };
  }

  ready() {
    return { ok: true };
  }
}
const method = (name) => Object.getOwnPropertyDescriptor(HashRouteController.prototype, name);
Controller()(HashRouteController);
Post('verify')(HashRouteController.prototype, 'verify', method('verify'));
HttpCode(200)(HashRouteController.prototype, 'verify', method('verify'));
Body()(HashRouteController.prototype, 'verify', 0);
Get('ready')(HashRouteController.prototype, 'ready', method('ready'));

class HashRouteModule {}
Module({ controllers: [HashRouteController] })(HashRouteModule);

const app = await NestFactory.create(HashRouteModule, { logger: false });
await app.listen(Number(process.env.PORT), '127.0.0.1');
