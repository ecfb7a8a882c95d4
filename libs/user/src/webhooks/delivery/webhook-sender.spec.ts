import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { lookup } from 'node:dns';
import { guardedLookup, isPublicAddress } from './destination-guard.js';
import { webhookUrlProblem } from './destination-policy.js';
import { nextRetryAt } from './retry-schedule.js';
import { WebhookSender } from './webhook-sender.js';
import {
  DEFAULT_RETRY_SCHEDULE_SECONDS,
  resolveWebhooksOptions,
} from '../options/webhooks-options.js';

/** A resolver that answers every name with one address (what a rebinding DNS server does). */
function resolvingTo(address: string): typeof lookup {
  return ((_hostname: string, _options: unknown, callback: (...args: unknown[]) => void) =>
    callback(null, [{ address, family: address.includes(':') ? 6 : 4 }])) as never;
}

describe('WebhookSender', () => {
  let server: Server;
  let port: number;
  let hits: number;
  let answer: (response: import('node:http').ServerResponse) => void;
  beforeAll(async () => {
    server = createServer((request, response) => {
      hits += 1;
      request.resume();
      request.on('end', () => answer(response));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  beforeEach(() => {
    hits = 0;
    answer = (response) => response.writeHead(200).end();
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const send = (sender: WebhookSender, host = 'hooks.example.com') =>
    sender.send({ url: `http://${host}:${port}/hooks`, headers: {}, body: '{}' });

  it('refuses at connect time a name that now resolves to loopback (DNS rebinding): no request leaves', async () => {
    const sender = new WebhookSender(false, 2000, guardedLookup(false, resolvingTo('127.0.0.1')));
    const outcome = await send(sender);
    sender.close();
    expect(outcome).toMatchObject({ ok: false, statusCode: null });
    expect(outcome.error).toContain('not a public address');
    expect(hits).toBe(0);
  });

  it('the same name reaches the receiver when private networks are allowed', async () => {
    const sender = new WebhookSender(true, 2000, guardedLookup(true, resolvingTo('127.0.0.1')));
    const outcome = await send(sender);
    sender.close();
    expect(outcome).toMatchObject({ ok: true, statusCode: 200, error: null });
    expect(hits).toBe(1);
  });

  it('refuses an IP literal of a private network (Node connects to it without a lookup)', async () => {
    const sender = new WebhookSender(false, 2000);
    const outcome = await send(sender, '127.0.0.1');
    sender.close();
    expect(outcome.ok).toBe(false);
    expect(hits).toBe(0);
  });

  it('does not follow a redirect: a 3xx is a failed attempt', async () => {
    answer = (response) => response.writeHead(302, { location: 'http://169.254.169.254/' }).end();
    const sender = new WebhookSender(true, 2000);
    const outcome = await send(sender, '127.0.0.1');
    sender.close();
    expect(outcome).toMatchObject({ ok: false, statusCode: 302 });
    expect(hits).toBe(1);
  });

  it('gives up after the timeout', async () => {
    answer = () => undefined; // never answers
    const sender = new WebhookSender(true, 300);
    const started = Date.now();
    const outcome = await send(sender, '127.0.0.1');
    sender.close();
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toContain('timed out');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('destinations', () => {
  it.each([
    '127.0.0.1',
    '10.0.0.1',
    '172.31.255.255',
    '192.168.0.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    'fd12::1',
    'fe80::1',
    '64:ff9b::7f00:1',
  ])('%s is not public', (address) => expect(isPublicAddress(address)).toBe(false));

  it.each(['93.184.216.34', '1.1.1.1', '2606:4700:4700::1111'])('%s is public', (address) =>
    expect(isPublicAddress(address)).toBe(true),
  );

  it('a name is checked on every address it resolves to', async () => {
    const resolve = async () => [{ address: '93.184.216.34' }, { address: '10.0.0.5' }];
    expect(await webhookUrlProblem('https://mixed.example.com/', false, resolve)).toContain(
      '10.0.0.5',
    );
    expect(
      await webhookUrlProblem('https://public.example.com/', false, async () => [
        { address: '93.184.216.34' },
      ]),
    ).toBeNull();
  });
});

describe('retry schedule', () => {
  const scheduleMs = resolveWebhooksOptions({}).retryScheduleMs;
  const now = new Date('2030-01-01T00:00:00Z');

  it('first retry within 10 s by default, at the jitter extremes too', () => {
    for (const random of [0, 0.5, 0.999999]) {
      const at = nextRetryAt(scheduleMs, 1, now, () => random)!;
      expect(at.getTime() - now.getTime()).toBeLessThanOrEqual(10_000);
      expect(at.getTime() - now.getTime()).toBeGreaterThan(0);
    }
  });

  it('backs off for up to 24 h (the jitter included), then dead-letters', () => {
    const total = DEFAULT_RETRY_SCHEDULE_SECONDS.reduce((sum, seconds) => sum + seconds, 0);
    expect(total * 0.8).toBeGreaterThan(12 * 3600);
    expect(total * 1.2).toBeLessThanOrEqual(24 * 3600);
    for (let index = 1; index < DEFAULT_RETRY_SCHEDULE_SECONDS.length; index++)
      expect(DEFAULT_RETRY_SCHEDULE_SECONDS[index]).toBeGreaterThanOrEqual(
        DEFAULT_RETRY_SCHEDULE_SECONDS[index - 1],
      );
    expect(nextRetryAt(scheduleMs, scheduleMs.length + 1, now)).toBeNull();
  });

  it('refuses options it cannot use, naming each', () => {
    expect(() =>
      resolveWebhooksOptions({
        retrySchedule: [-1],
        timeoutSeconds: 0,
        endpoints: [{ url: 'ftp://x', secret: 'nope', events: ['user.nope' as never] }],
      }),
    ).toThrow(/retrySchedule[\s\S]*timeoutSeconds|endpoints\[0\]\.url/);
  });
});
