import { MikroORM } from '@mikro-orm/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventEmitter2 } from '@nestjs/event-emitter';
import {
  USER_KIT_EVENT_NAMES,
  UserModule,
  type UserKitEventContext,
  type UserKitEventName,
} from '@userkit/user';
import request from 'supertest';
import { databaseOptions } from '../apps/sample/src/database-options.js';
import { createTestDatabase } from './support/test-database.js';
import { TEST_JWT_SECRET } from './support/test-app.js';
import { signInAdmin, ADMIN_ENV } from './support/admin.js';
import { sql } from './support/database-access.js';
import { LIFECYCLE_EVENTS } from './support/lifecycle-events.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { bearer, signUp } from './support/users.js';

interface Heard {
  name: UserKitEventName;
  payload: Record<string, unknown>;
  context: UserKitEventContext;
  /** What another connection saw when the event fired: committed data only. */
  committed: Promise<boolean>;
}

describe('events for the host (@nestjs/event-emitter), after commit', () => {
  let t: TestApp;
  let admin: { accessToken: string; id: string };
  const heard: Heard[] = [];
  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV });
    admin = await signInAdmin(t.http);
    const emitter = t.app.get(EventEmitter2);
    for (const name of LIFECYCLE_EVENTS) {
      emitter.on(name, ({ context, ...payload }: Record<string, unknown>) => {
        const userId = payload.userId as string;
        // Read through a separate connection at the moment the event fires.
        const committed =
          name === 'user.deleted'
            ? sql(t.app, 'select id from userkit_users where id = ?', [userId]).then(
                (rows) => rows.length === 0,
              )
            : sql(t.app, 'select id from userkit_users where id = ?', [userId]).then(
                (rows) => rows.length === 1,
              );
        heard.push({ name, payload, context: context as UserKitEventContext, committed });
      });
    }
  });
  afterAll(async () => {
    await t.close();
  });

  const since = (mark: number) => heard.slice(mark);
  const names = (events: Heard[]) => events.map((event) => event.name);

  it('sign-up: user.created then session.created, with the data already committed', async () => {
    const mark = heard.length;
    const member = await signUp(t.http);
    const events = since(mark);
    expect(names(events)).toEqual(['user.created', 'session.created']);
    expect(events[0].payload).toEqual({
      userId: member.user.id,
      isAnonymous: false,
      source: 'password',
    });
    expect(events[1].payload).toEqual({ userId: member.user.id, sessionId: expect.any(String) });
    expect(await Promise.all(events.map((event) => event.committed))).toEqual([true, true]);
  });

  it('PATCH /me: user.updated naming what changed; no event when nothing changed', async () => {
    await t.http
      .post('/admin/attributes')
      .set(bearer(admin.accessToken))
      .send({ name: 'plan', type: 'string', access: { endUser: 'editable' } })
      .expect(201);
    const member = await signUp(t.http, { displayName: 'Before' });
    let mark = heard.length;
    await t.http
      .patch('/me')
      .set(bearer(member.accessToken))
      .send({
        displayName: 'After',
        customAttributes: { plan: 'pro' },
        standardAttributes: { birthdate: '1990-01-01' },
      })
      .expect(200);
    expect(since(mark).map((event) => event.payload)).toEqual([
      {
        userId: member.user.id,
        changes: expect.arrayContaining([
          'displayName',
          'customAttributes.plan',
          'standardAttributes.birthdate',
        ]),
      },
    ]);
    mark = heard.length;
    await t.http
      .patch('/me')
      .set(bearer(member.accessToken))
      .send({ displayName: 'After' })
      .expect(200);
    expect(since(mark)).toEqual([]);
  });

  it('nothing is emitted for a refused or rolled-back change', async () => {
    const member = await signUp(t.http);
    const mark = heard.length;
    // Refused before any write.
    await t.http
      .patch('/me')
      .set(bearer(member.accessToken))
      .send({ customAttributes: { plan: 5 } })
      .expect(400);
    // The insert of the user runs, then the taken email rolls the transaction back.
    await t.http
      .post('/admin/users')
      .set(bearer(admin.accessToken))
      .send({ email: member.email, displayName: 'Dup' })
      .expect(409);
    // The role change runs, then the last-admin check rolls it back.
    await t.http
      .put(`/admin/users/${admin.id}/roles`)
      .set(bearer(admin.accessToken))
      .send({ roles: ['user'] })
      .expect(400);
    // The metadata merge runs inside a transaction that a too-large result rolls back.
    await t.http
      .patch(`/admin/users/${member.user.id}/metadata`)
      .set(bearer(admin.accessToken))
      .send({ publicMetadata: { big: 'x'.repeat(9000) } })
      .expect(400);
    expect(since(mark)).toEqual([]);
  });

  it('logout, ban and delete: session.revoked, user.updated and user.deleted', async () => {
    const member = await signUp(t.http);
    let mark = heard.length;
    await t.http.post('/auth/logout').send({ refreshToken: member.refreshToken }).expect(204);
    expect(since(mark).map((event) => [event.name, event.payload])).toEqual([
      [
        'session.revoked',
        { userId: member.user.id, sessionId: expect.any(String), reason: 'logout' },
      ],
    ]);
    mark = heard.length;
    await t.http.post('/auth/logout').send({ refreshToken: member.refreshToken }).expect(204);
    expect(since(mark)).toEqual([]);

    const other = await signUp(t.http);
    mark = heard.length;
    await t.http
      .post(`/admin/users/${other.user.id}/ban`)
      .set(bearer(admin.accessToken))
      .expect(200);
    expect(since(mark).map((event) => [event.name, event.payload])).toEqual([
      ['user.updated', { userId: other.user.id, changes: ['banned'] }],
      ['session.revoked', { userId: other.user.id, sessionId: null, reason: 'banned' }],
    ]);
    mark = heard.length;
    await t.http.delete(`/admin/users/${other.user.id}`).set(bearer(admin.accessToken)).expect(204);
    const deleted = since(mark);
    expect(names(deleted)).toEqual(['user.deleted']);
    expect(deleted[0].payload).toEqual({ userId: other.user.id, cause: 'admin' });
    expect(await deleted[0].committed).toBe(true);
  });

  it("security events carry the request's context: who acted, from which session, address and agent", async () => {
    const emitter = t.app.get(EventEmitter2);
    const security: Array<[string, Record<string, unknown>]> = [];
    const listeners = USER_KIT_EVENT_NAMES.filter((name) => !LIFECYCLE_EVENTS.includes(name)).map(
      (name) => {
        const listener = (event: Record<string, unknown>) => security.push([name, event]);
        emitter.on(name, listener);
        return () => emitter.off(name, listener);
      },
    );
    try {
      const member = await signUp(t.http);
      await t.http
        .post('/auth/login')
        .set('User-Agent', 'EventsTest/2')
        .send({ email: member.email, password: 'wrong-password-for-sure-7' })
        .expect(401);
      const login = await t.http
        .post('/auth/login')
        .set('User-Agent', 'EventsTest/2')
        .send({ email: member.email, password: member.password })
        .expect(200);
      const adminSession = await t.http.get('/me/sessions').set(bearer(admin.accessToken));
      const adminSessionId = adminSession.body.find(
        (session: { current: boolean }) => session.current,
      ).id;
      await t.http
        .post(`/admin/users/${member.user.id}/ban`)
        .set(bearer(admin.accessToken))
        .set('User-Agent', 'AdminConsole/1')
        .expect(200);

      const anonymousRequest = { actorId: null, actorSessionId: null };
      expect(security.map(([name]) => name)).toEqual([
        'signIn.failed',
        'signIn.succeeded',
        'user.banned',
        'admin.action',
      ]);
      expect(security[0][1]).toEqual({
        userId: member.user.id,
        method: 'password',
        reason: 'wrong_password',
        identifier: null,
        context: { ...anonymousRequest, ip: expect.any(String), userAgent: 'EventsTest/2' },
      });
      expect(security[1][1]).toEqual({
        userId: member.user.id,
        sessionId: expect.any(String),
        method: 'password',
        provider: null,
        secondFactor: null,
        context: { ...anonymousRequest, ip: expect.any(String), userAgent: 'EventsTest/2' },
      });
      expect(security[1][1].sessionId).not.toBe(adminSessionId);
      expect(login.body.accessToken).toEqual(expect.any(String));
      const byAdmin = {
        actorId: admin.id,
        actorSessionId: adminSessionId,
        ip: expect.any(String),
        userAgent: 'AdminConsole/1',
      };
      expect(security[2][1]).toEqual({ userId: member.user.id, context: byAdmin });
      expect(security[3][1]).toEqual({
        route: 'POST /admin/users/:id/ban',
        targetUserId: member.user.id,
        params: { id: member.user.id },
        context: byAdmin,
      });
      // The lifecycle events of the same request carry the same context.
      const banned = heard.filter(
        (event) => event.name === 'user.updated' && event.payload.userId === member.user.id,
      );
      expect(banned.at(-1)!.context).toEqual(byAdmin);
    } finally {
      for (const off of listeners) off();
    }
  });

  it('a listener that throws does not fail the request', async () => {
    const emitter = t.app.get(EventEmitter2);
    const failing = () => {
      throw new Error('listener bug');
    };
    emitter.on('user.created', failing);
    try {
      await signUp(t.http);
    } finally {
      emitter.off('user.created', failing);
    }
  });
});

describe('a host without EventEmitterModule', () => {
  it('works as before and emits nothing', async () => {
    const database = await createTestDatabase();
    @Module({
      imports: [
        MikroOrmModule.forRoot(databaseOptions(database.url)),
        UserModule.forRoot({ tokenSecret: TEST_JWT_SECRET, rateLimits: false }),
      ],
    })
    class BareHostModule {}
    const app = await NestFactory.create(BareHostModule, { logger: false, abortOnError: false });
    try {
      await app.get(MikroORM).migrator.up();
      await app.init();
      expect(() => app.get(EventEmitter2, { strict: false })).toThrow();
      const http = request(app.getHttpServer());
      const signedUp = await http
        .post('/auth/signup')
        .send({ email: `bare.${Date.now()}@example.com`, password: 'violet-harbor-trumpet-92' })
        .expect(201);
      await http
        .patch('/me')
        .set(bearer(signedUp.body.accessToken))
        .send({ displayName: 'No events' })
        .expect(200);
    } finally {
      await app.close();
      await database.drop();
    }
  });
});
