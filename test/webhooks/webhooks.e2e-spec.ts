import { Webhook } from 'standardwebhooks';
import { ADMIN_ENV, expectAdminOnly, signInAdmin } from '../support/admin.js';
import { sql } from '../support/database-access.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { TEST_DB } from '../support/test-database.js';
import { bearer, signUp } from '../support/users.js';
import {
  startWebhookReceiver,
  type ReceivedWebhook,
  type WebhookReceiver,
} from '../support/webhook-receiver.js';

const OPTIONS_SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;

/** Verifies with the Standard Webhooks library: throws unless one signature matches. */
function verify(
  secret: string,
  request: ReceivedWebhook,
): { type: string; timestamp: string; data: Record<string, unknown> } {
  return new Webhook(secret).verify(
    request.body,
    request.headers as Record<string, string>,
  ) as never;
}

function verifies(secret: string, request: ReceivedWebhook): boolean {
  try {
    verify(secret, request);
    return true;
  } catch {
    return false;
  }
}

const ofUser = (userId: string, type?: string) => (request: ReceivedWebhook) => {
  const body = JSON.parse(request.body) as { type: string; data: { userId?: string } };
  return body.data.userId === userId && (type === undefined || body.type === type);
};

describe('webhooks: Standard Webhooks from a transactional outbox', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  let optionsReceiver: WebhookReceiver;
  let admin: { accessToken: string };
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    optionsReceiver = await startWebhookReceiver('/from-options');
    t = await startTestApp({
      env: { ...ADMIN_ENV, WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'on' },
      overrides: {
        webhookRetrySchedule: [0.2, 0.2, 0.2],
        webhookEndpoints: [
          { url: optionsReceiver.url, secret: OPTIONS_SECRET, events: ['user.deleted'] },
        ],
      },
    });
    admin = await signInAdmin(t.http);
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
    await optionsReceiver?.close();
  });

  const asAdmin = () => bearer(admin.accessToken);

  async function createEndpoint(body: Record<string, unknown>) {
    const response = await t.http.post('/admin/webhooks').set(asAdmin()).send(body);
    expect(response.status).toBe(201);
    return response.body as { id: string; secret: string; events: string[] };
  }

  it('only admins reach /admin/webhooks', async () => {
    await expectAdminOnly(t.http, 'get', '/admin/webhooks', null);
    await expectAdminOnly(t.http, 'post', '/admin/webhooks', { url: receiver.url });
  });

  it('shows the secret once; the list and the endpoint never show it again', async () => {
    const created = await createEndpoint({
      url: receiver.url,
      description: 'CRM',
      events: ['user.created', 'user.updated', 'session.created'],
    });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created.events).toEqual(['user.created', 'user.updated', 'session.created']);
    const listed = await t.http.get('/admin/webhooks').set(asAdmin()).expect(200);
    const entry = listed.body.find((endpoint: { id: string }) => endpoint.id === created.id);
    expect(entry).toMatchObject({ url: receiver.url, description: 'CRM', fromOptions: false });
    expect(JSON.stringify(listed.body)).not.toContain(created.secret);
    const one = await t.http.get(`/admin/webhooks/${created.id}`).set(asAdmin()).expect(200);
    expect(one.body.secret).toBeUndefined();
    await t.http.delete(`/admin/webhooks/${created.id}`).set(asAdmin()).expect(204);
    await t.http.get(`/admin/webhooks/${created.id}`).set(asAdmin()).expect(404);
  });

  describe('with an endpoint for user.created and user.updated', () => {
    let endpoint: { id: string; secret: string };
    beforeAll(async () => {
      endpoint = await createEndpoint({
        url: receiver.url,
        events: ['user.created', 'user.updated'],
      });
    });
    afterAll(async () => {
      await t.http.delete(`/admin/webhooks/${endpoint.id}`).set(asAdmin()).expect(204);
    });

    it('a sign-up is POSTed signed: { type, timestamp, data } as the in-process event', async () => {
      const member = await signUp(t.http);
      await receiver.waitFor((all) => all.some(ofUser(member.user.id, 'user.created')));
      const request = receiver.received.find(ofUser(member.user.id, 'user.created'))!;
      const payload = verify(endpoint.secret, request);
      expect(payload).toEqual({
        type: 'user.created',
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        data: { userId: member.user.id, isAnonymous: false, source: 'password' },
      });
      expect(request.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
      expect(
        Math.abs(Number(request.headers['webhook-timestamp']) - Date.now() / 1000),
      ).toBeLessThan(30);
      // Not subscribed to session.created: none came.
      expect(receiver.received.filter(ofUser(member.user.id, 'session.created'))).toHaveLength(0);
    });

    it('answered 500 twice then 200: delivered on the third try with the same webhook-id', async () => {
      const failures = new Map<string, number>();
      receiver.answer = ({ headers }) => {
        const id = String(headers['webhook-id']);
        const count = failures.get(id) ?? 0;
        if (count >= 2) return 200;
        failures.set(id, count + 1);
        return 500;
      };
      try {
        const member = await signUp(t.http);
        await receiver.waitFor((all) =>
          all.some((request) => ofUser(member.user.id)(request) && request.status === 200),
        );
        const attempts = receiver.received.filter(ofUser(member.user.id, 'user.created'));
        expect(attempts.map((request) => request.status)).toEqual([500, 500, 200]);
        const ids = new Set(attempts.map((request) => request.headers['webhook-id']));
        expect(ids.size).toBe(1);
        for (const attempt of attempts) expect(verifies(endpoint.secret, attempt)).toBe(true);
        const log = await t.http
          .get(`/admin/webhooks/${endpoint.id}/deliveries`)
          .set(asAdmin())
          .expect(200);
        const delivery = log.body.data.find((entry: { id: string }) => ids.has(entry.id));
        expect(delivery).toMatchObject({
          eventType: 'user.created',
          userId: member.user.id,
          status: 'delivered',
          attempts: 3,
          responseStatusCode: 200,
          error: null,
        });
        expect(delivery.durationMs).toEqual(expect.any(Number));
      } finally {
        receiver.answer = () => 200;
      }
    });

    it("one user's events arrive in order, even when the first one has to be retried", async () => {
      let failFirst = true;
      receiver.answer = ({ body }) => {
        if (failFirst && JSON.parse(body).type === 'user.created') {
          failFirst = false;
          return 503;
        }
        return 200;
      };
      try {
        const member = await signUp(t.http);
        await t.http
          .patch('/me')
          .set(bearer(member.accessToken))
          .send({ firstName: 'Ada' })
          .expect(200);
        await t.http
          .patch('/me')
          .set(bearer(member.accessToken))
          .send({ lastName: 'L' })
          .expect(200);
        await receiver.waitFor(
          (all) => all.filter((r) => ofUser(member.user.id)(r) && r.status === 200).length === 3,
        );
        const delivered = receiver.received
          .filter((request) => ofUser(member.user.id)(request))
          .map((request) => [JSON.parse(request.body).type, request.status]);
        expect(delivered).toEqual([
          ['user.created', 503],
          ['user.created', 200],
          ['user.updated', 200],
          ['user.updated', 200],
        ]);
      } finally {
        receiver.answer = () => 200;
      }
    });

    it('a change that is refused writes no message (the outbox row shares its transaction)', async () => {
      const member = await signUp(t.http);
      const before = await sql(t.app, 'select count(*) as n from userkit_webhook_messages');
      const taken = await t.http
        .post('/auth/signup')
        .send({ email: member.email, password: member.password });
      expect(taken.status).toBe(409);
      const after = await sql(t.app, 'select count(*) as n from userkit_webhook_messages');
      expect(Number(after[0].n)).toBe(Number(before[0].n));
    });

    it('dead-letters after the schedule; the retry route sends it again', async () => {
      receiver.answer = () => 500;
      let member;
      try {
        member = await signUp(t.http);
        // 1 attempt + 3 retries, then failed for good.
        await receiver.waitFor(
          (all) => all.filter(ofUser(member!.user.id, 'user.created')).length === 4,
        );
        let delivery: { id: string; status: string } | undefined;
        const deadline = Date.now() + 5000;
        do {
          const log = await t.http
            .get(`/admin/webhooks/${endpoint.id}/deliveries?status=failed`)
            .set(asAdmin())
            .expect(200);
          delivery = log.body.data.find(
            (entry: { userId: string }) => entry.userId === member!.user.id,
          );
        } while (
          !delivery &&
          Date.now() < deadline &&
          (await new Promise((r) => setTimeout(r, 50)), true)
        );
        expect(delivery).toMatchObject({ status: 'failed', attempts: 4, responseStatusCode: 500 });
      } finally {
        receiver.answer = () => 200;
      }
      const log = await t.http
        .get(`/admin/webhooks/${endpoint.id}/deliveries?status=failed`)
        .set(asAdmin())
        .expect(200);
      const failed = log.body.data.find(
        (entry: { userId: string }) => entry.userId === member.user.id,
      );
      const retried = await t.http
        .post(`/admin/webhooks/${endpoint.id}/deliveries/${failed.id}/retry`)
        .set(asAdmin())
        .expect(202);
      expect(retried.body).toMatchObject({ id: failed.id, status: 'pending', attempts: 0 });
      await receiver.waitFor((all) =>
        all.some((r) => r.headers['webhook-id'] === failed.id && r.status === 200),
      );
      await t.http
        .post(`/admin/webhooks/${endpoint.id}/deliveries/nope/retry`)
        .set(asAdmin())
        .expect(404);
    });

    it('rotation: both secrets sign during the overlap, only the new one after', async () => {
      const rotated = await t.http
        .post(`/admin/webhooks/${endpoint.id}/rotate-secret`)
        .set(asAdmin())
        .send({})
        .expect(200);
      expect(rotated.body.secret).toMatch(/^whsec_/);
      expect(rotated.body.secret).not.toBe(endpoint.secret);
      expect(Date.parse(rotated.body.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(
        86_000_000,
      );
      const first = await signUp(t.http);
      await receiver.waitFor((all) => all.some(ofUser(first.user.id, 'user.created')));
      const during = receiver.received.find(ofUser(first.user.id, 'user.created'))!;
      expect(verifies(rotated.body.secret, during)).toBe(true);
      expect(verifies(endpoint.secret, during)).toBe(true);

      const again = await t.http
        .post(`/admin/webhooks/${endpoint.id}/rotate-secret`)
        .set(asAdmin())
        .send({ overlapSeconds: 0 })
        .expect(200);
      expect(again.body.previousSecretExpiresAt).toBeNull();
      const second = await signUp(t.http);
      await receiver.waitFor((all) => all.some(ofUser(second.user.id, 'user.created')));
      const after = receiver.received.find(ofUser(second.user.id, 'user.created'))!;
      expect(verifies(again.body.secret, after)).toBe(true);
      expect(verifies(rotated.body.secret, after)).toBe(false);
      endpoint.secret = again.body.secret;
    });

    it('a disabled endpoint gets nothing until it is on again', async () => {
      await t.http
        .patch(`/admin/webhooks/${endpoint.id}`)
        .set(asAdmin())
        .send({ enabled: false })
        .expect(200);
      const member = await signUp(t.http);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(receiver.received.filter(ofUser(member.user.id))).toHaveLength(0);
      // Disabled when the event happened: no delivery was queued for it.
      await t.http
        .patch(`/admin/webhooks/${endpoint.id}`)
        .set(asAdmin())
        .send({ enabled: true })
        .expect(200);
      const next = await signUp(t.http);
      await receiver.waitFor((all) => all.some(ofUser(next.user.id, 'user.created')));
    });
  });

  it('endpoints from the options: listed, receive their events, changed only in code', async () => {
    const listed = await t.http.get('/admin/webhooks').set(asAdmin()).expect(200);
    const fromOptions = listed.body.find(
      (entry: { url: string }) => entry.url === optionsReceiver.url,
    );
    expect(fromOptions).toMatchObject({ fromOptions: true, events: ['user.deleted'] });
    for (const [method, path, body] of [
      ['patch', `/admin/webhooks/${fromOptions.id}`, { enabled: false }],
      ['delete', `/admin/webhooks/${fromOptions.id}`, null],
      ['post', `/admin/webhooks/${fromOptions.id}/rotate-secret`, {}],
    ] as const) {
      const client = t.http as unknown as Record<string, (p: string) => any>;
      const request = client[method](path).set(asAdmin());
      const response = await (body ? request.send(body) : request);
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('WEBHOOK_ENDPOINT_FROM_OPTIONS');
    }
    const member = await signUp(t.http);
    await t.http.delete(`/admin/users/${member.user.id}`).set(asAdmin()).expect(204);
    await optionsReceiver.waitFor((all) => all.some(ofUser(member.user.id, 'user.deleted')));
    const request = optionsReceiver.received.find(ofUser(member.user.id, 'user.deleted'))!;
    expect(verify(OPTIONS_SECRET, request).data).toEqual({
      userId: member.user.id,
      cause: 'admin',
    });
  });

  it('crafted input is a 4xx, never a 5xx', async () => {
    const created = await createEndpoint({ url: receiver.url });
    const bodies: unknown[] = [
      null,
      [],
      'text',
      { url: null },
      { url: 42 },
      { url: 'ftp://example.com/x' },
      { url: 'http://user:pass@127.0.0.1/x' },
      { url: 'not a url' },
      { url: `http://127.0.0.1/${'a'.repeat(3000)}` },
      { url: 'http://127.0.0.1/\u0000' },
      { url: receiver.url, events: ['user.nope'] },
      { url: receiver.url, events: 'user.created' },
      { url: receiver.url, events: ['user.created', 'user.created'] },
      { url: receiver.url, secret: 'whsec_x' },
      { url: receiver.url, description: { a: 1 } },
      { url: receiver.url, description: '\ud800' },
    ];
    for (const body of bodies) {
      const response = await t.http
        .post('/admin/webhooks')
        .set(asAdmin())
        .set('content-type', 'application/json')
        .send(JSON.stringify(body));
      expect([400, 413]).toContain(response.status);
    }
    for (const body of [
      { url: null },
      { enabled: 'yes' },
      { events: [null] },
      { fromOptions: true },
    ]) {
      const response = await t.http
        .patch(`/admin/webhooks/${created.id}`)
        .set(asAdmin())
        .send(body);
      expect(response.status).toBe(400);
    }
    for (const body of [
      { overlapSeconds: -1 },
      { overlapSeconds: 1e12 },
      { overlapSeconds: '5' },
    ]) {
      const response = await t.http
        .post(`/admin/webhooks/${created.id}/rotate-secret`)
        .set(asAdmin())
        .send(body);
      expect(response.status).toBe(400);
    }
    for (const query of [
      'status=bogus',
      'limit=0',
      'limit=101',
      'cursor=%00',
      'cursor=a%27b',
      'extra=1',
    ]) {
      const response = await t.http
        .get(`/admin/webhooks/${created.id}/deliveries?${query}`)
        .set(asAdmin());
      expect(response.status).toBe(400);
    }
    for (const id of ['%00', 'x'.repeat(65), '%F0%9F%98%80', 'a%27b', 'nope']) {
      const response = await t.http.get(`/admin/webhooks/${id}`).set(asAdmin());
      expect(response.status).toBe(404);
      const retry = await t.http
        .post(`/admin/webhooks/${created.id}/deliveries/${id}/retry`)
        .set(asAdmin());
      expect(retry.status).toBe(404);
    }
  });
});

describe('webhooks: destinations on private networks are refused unless allowed', () => {
  let t: TestApp;
  let admin: { accessToken: string };
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    t = await startTestApp({ env: ADMIN_ENV });
    admin = await signInAdmin(t.http);
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  it.each([
    'http://127.0.0.1:1/hooks',
    'http://localhost/hooks',
    'http://app.localhost/hooks',
    'http://[::1]/hooks',
    'http://[::ffff:127.0.0.1]/hooks',
    'http://0x7f000001/hooks',
    'http://2130706433/hooks',
    'http://10.1.2.3/hooks',
    'http://172.16.0.1/hooks',
    'http://192.168.1.1/hooks',
    'http://169.254.169.254/latest/meta-data',
    'http://100.64.0.1/hooks',
    'http://0.0.0.0/hooks',
    'http://[fd00::1]/hooks',
    'http://[fe80::1]/hooks',
  ])('refuses %s', async (url) => {
    const response = await t.http
      .post('/admin/webhooks')
      .set(bearer(admin.accessToken))
      .send({ url });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('WEBHOOK_URL_REFUSED');
  });

  it('refuses a change of URL to one, and never sends to a private address already stored', async () => {
    // A row that predates the rule (or a name that resolved publicly when it was saved): the
    // attempt itself is refused, and the receiver on 127.0.0.1 hears nothing.
    const id = 'legacy-private-endpoint';
    const now = TEST_DB === 'postgres' ? new Date() : Date.now();
    const [no, yes] = TEST_DB === 'postgres' ? [false, true] : [0, 1];
    await sql(
      t.app,
      'insert into userkit_webhook_endpoints (id, url, description, event_types, secret, from_options, enabled, created_at, updated_at) values (?, ?, null, ?, ?, ?, ?, ?, ?)',
      [id, receiver.url, '*', OPTIONS_SECRET, no, yes, now, now],
    );
    const patch = await t.http
      .patch(`/admin/webhooks/${id}`)
      .set(bearer(admin.accessToken))
      .send({ url: 'http://192.168.0.10/hooks' });
    expect(patch.status).toBe(400);
    expect(patch.body.code).toBe('WEBHOOK_URL_REFUSED');
    const member = await signUp(t.http);
    let delivery: { status: string; error: string | null; attempts: number } | undefined;
    const deadline = Date.now() + 10_000;
    while (!delivery?.attempts && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const log = await t.http
        .get(`/admin/webhooks/${id}/deliveries`)
        .set(bearer(admin.accessToken))
        .expect(200);
      delivery = log.body.data.find(
        (entry: { userId: string; eventType: string }) =>
          entry.userId === member.user.id && entry.eventType === 'user.created',
      );
    }
    expect(delivery).toMatchObject({
      attempts: 1,
      error: expect.stringContaining('not a public address'),
    });
    expect(receiver.received).toHaveLength(0);
  });
});
