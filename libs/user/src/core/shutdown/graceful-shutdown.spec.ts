import { request as httpRequest, Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Controller,
  Get,
  HttpCode,
  ServiceUnavailableException,
  type INestApplication,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { GracefulShutdown } from './graceful-shutdown.js';

const shutdown = { current: new GracefulShutdown() };

@Controller()
class ProbeController {
  @Get('slow')
  @HttpCode(200)
  async slow(): Promise<string> {
    await new Promise((resolve) => setTimeout(resolve, 400));
    return 'done';
  }

  @Get('ready')
  ready(): string {
    if (shutdown.current.draining) throw new ServiceUnavailableException('draining');
    return 'ready';
  }
}

interface Answer {
  status?: number;
  connection?: string;
  error?: string;
}

function get(port: number, path: string, agent: Agent | false = false): Promise<Answer> {
  return new Promise((resolve) => {
    const request = httpRequest({ host: '127.0.0.1', port, path, agent }, (response) => {
      response.resume();
      response.on('end', () =>
        resolve({ status: response.statusCode, connection: response.headers.connection }),
      );
    });
    request.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code }));
    request.end();
  });
}

describe('GracefulShutdown', () => {
  let app: INestApplication;
  let port: number;

  beforeEach(async () => {
    const module = await Test.createTestingModule({ controllers: [ProbeController] }).compile();
    app = module.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
  });

  afterEach(async () => {
    await app.close().catch(() => undefined);
  });

  it('answers not ready at once, serves through the delay, lets requests in flight finish, then stops listening', async () => {
    shutdown.current = new GracefulShutdown({ readinessDelayMs: 300, gracePeriodMs: 5000 });
    const agent = new Agent({ keepAlive: true });
    expect(await get(port, '/ready', agent)).toMatchObject({
      status: 200,
      connection: 'keep-alive',
    });

    const drained = shutdown.current.drain(app);
    expect(shutdown.current.draining).toBe(true);
    expect((await get(port, '/ready')).status).toBe(503);
    // Sent during the delay, still running when the listener closes: answered, and its kept-alive
    // connection is closed after the answer instead of lingering.
    const inFlight = get(port, '/slow', agent);
    await drained;
    expect(await inFlight).toEqual({ status: 200, connection: 'close' });
    expect((await get(port, '/ready')).error).toBe('ECONNREFUSED');
    agent.destroy();
  });

  it('refuses a grace period no longer than the readiness delay', () => {
    expect(() => new GracefulShutdown({ readinessDelayMs: 5000, gracePeriodMs: 5000 })).toThrow(
      /gracePeriodMs/,
    );
    expect(() => new GracefulShutdown({ readinessDelayMs: -1 })).toThrow(/readinessDelayMs/);
  });
});
