import { EntityManager } from '@mikro-orm/core';
import { EventEmitter2, EventEmitterModule } from '@nestjs/event-emitter';
import { Test, type TestingModule } from '@nestjs/testing';
import type { RefreshToken } from '../entities/refresh-token.entity.js';
import type { Session } from '../entities/session.entity.js';
import type { User } from '../entities/user.entity.js';
import { UserEventsPublisher } from '../events/user-events.publisher.js';
import { TransactionalEventSinks } from '../extension-points/transactional-event-sink.js';
import type { UserKitEventPayloads, UserKitEvents } from '../events/user-kit-events.js';
import type { ResolvedUserOptions } from '../options/resolved-options.js';
import {
  SessionsRepository,
  TOUCH_INTERVAL_MS,
  type ActiveSessionRow,
  type NewSessionRecord,
} from '../repositories/sessions.repository.js';
import { UserSessionsRepository } from '../repositories/user-sessions.repository.js';
import { UsersRepository } from '../repositories/users.repository.js';
import { USER_OPTIONS } from '../tokens.js';
import { AccessTokenService } from './access-token.service.js';
import { RevokedSessions } from './revoked-sessions.js';
import { hashSecretToken } from './secret-token.js';
import { SessionRevocationService } from './session-revocation.service.js';
import { SessionsService } from './sessions.service.js';

// Under ESM the jest object is not a global: it comes with the module.
const jest = import.meta.jest;

const NOW = new Date('2030-01-01T12:00:00.000Z');
const OPTIONS = {
  tokenSecret: 'unit-test-secret-of-at-least-32-characters',
  tokenIssuer: 'userkit-unit-test',
  accessTokenTtlSeconds: 900,
  refreshTokenTtlSeconds: 30 * 24 * 3600,
  identifiers: { requireVerifiedEmail: false },
} as ResolvedUserOptions;

interface TokenRow {
  id: string;
  tokenHash: string;
  usedAt: Date | null;
  session: Session;
}

/**
 * The mocked repositories keep a few rows, so a test can rotate twice. Their conditional writes
 * (`usedAt is null`, `revokedAt is null`) decide races, as the real statements do in the database.
 */
function mockedRepositories() {
  const tokens: TokenRow[] = [];
  const user = {
    id: 'user-1',
    banned: false,
    roles: { getItems: () => [{ name: 'member' }] },
  } as unknown as User;
  const sessions = {
    findRefreshToken: jest.fn(async (tokenHash: string) => {
      const row = tokens.find((token) => token.tokenHash === tokenHash);
      // A snapshot, as a fresh read is: later writes do not change what this caller saw.
      return row ? ({ ...row, session: { ...row.session } } as unknown as RefreshToken) : null;
    }),
    rotate: jest.fn(async (tokenId: string, sessionId: string, nextHash: string, at: Date) => {
      const row = tokens.find((token) => token.id === tokenId);
      if (!row || row.usedAt !== null) return false;
      row.usedAt = at;
      tokens.push({
        id: `token-${tokens.length + 1}`,
        tokenHash: nextHash,
        usedAt: null,
        session: row.session,
      });
      return true;
    }),
    revoke: jest.fn(async (sessionId: string, reason: string, at: Date) => {
      const session = tokens.find((token) => token.session.id === sessionId)?.session;
      if (!session || session.revokedAt !== null) return 0;
      session.revokedAt = at;
      session.revokedReason = reason;
      return 1;
    }),
    ownerOf: jest.fn(
      async (sessionId: string) =>
        tokens.find((token) => token.session.id === sessionId)?.session.user.id ?? null,
    ),
    open: jest.fn(async (_record: NewSessionRecord) => 'session-new'),
    findActiveRow: jest.fn<Promise<ActiveSessionRow | null>, [string, string, Date]>(),
    touch: jest.fn(async () => undefined),
  };
  // A user's own sessions (devices); SessionsService never ends sessions through them.
  const userSessions = {
    revokeOwned: jest.fn(async () => false),
    revokeAllExcept: jest.fn(async () => 0),
  };
  const users = {
    findFullById: jest.fn(async (id: string) => (id === user.id ? user : null)),
    populateFull: jest.fn(async () => undefined),
  };
  /** A session with one unused refresh token, `secret`. */
  function storeToken(secret: string, session: Partial<Session> = {}): Session {
    const row: Session = {
      id: `session-${tokens.length + 1}`,
      user,
      revokedAt: null,
      revokedReason: null,
      expiresAt: new Date(NOW.getTime() + 3600_000),
      ...session,
    } as Session;
    tokens.push({
      id: `token-${tokens.length + 1}`,
      tokenHash: hashSecretToken(secret),
      usedAt: null,
      session: row,
    });
    return row;
  }
  return { sessions, userSessions, users, user, storeToken };
}

describe('SessionsService (mocked repositories)', () => {
  let module: TestingModule;
  let service: SessionsService;
  let accessTokens: AccessTokenService;
  let repositories: ReturnType<typeof mockedRepositories>;
  let revokedEvents: UserKitEventPayloads['session.revoked'][];
  let createdEvents: UserKitEventPayloads['session.created'][];

  beforeEach(async () => {
    jest.useFakeTimers({ now: NOW });
    repositories = mockedRepositories();
    module = await Test.createTestingModule({
      imports: [EventEmitterModule.forRoot()],
      providers: [
        SessionsService,
        // Real: every revocation (and its session.revoked event) goes through it.
        SessionRevocationService,
        RevokedSessions,
        AccessTokenService,
        UserEventsPublisher,
        // No sink registered: the publisher never opens a transaction (the EntityManager is unused).
        TransactionalEventSinks,
        { provide: EntityManager, useValue: {} },
        { provide: USER_OPTIONS, useValue: OPTIONS },
        { provide: SessionsRepository, useValue: repositories.sessions },
        { provide: UserSessionsRepository, useValue: repositories.userSessions },
        { provide: UsersRepository, useValue: repositories.users },
      ],
    }).compile();
    await module.init();
    service = module.get(SessionsService);
    accessTokens = module.get(AccessTokenService);
    const emitter = module.get(EventEmitter2);
    revokedEvents = [];
    createdEvents = [];
    // Called outside a request, the events carry an empty context.
    const noRequest = { actorId: null, actorSessionId: null, ip: null, userAgent: null };
    emitter.on('session.revoked', ({ context, ...payload }: UserKitEvents['session.revoked']) => {
      expect(context).toEqual(noRequest);
      revokedEvents.push(payload);
    });
    emitter.on('session.created', ({ context, ...payload }: UserKitEvents['session.created']) => {
      expect(context).toEqual(noRequest);
      createdEvents.push(payload);
    });
  });

  afterEach(async () => {
    await module.close();
    jest.useRealTimers();
  });

  describe('open', () => {
    it('stores only the refresh token digest, expiring after refreshTokenTtlSeconds', async () => {
      const issued = await service.open(repositories.user, {
        userAgent: 'jest',
        ip: '203.0.113.7',
      });
      const record = repositories.sessions.open.mock.calls[0][0];
      expect(record.refreshTokenHash).toBe(hashSecretToken(issued.refreshToken));
      expect(JSON.stringify(record)).not.toContain(issued.refreshToken);
      expect(record.expiresAt).toEqual(
        new Date(NOW.getTime() + OPTIONS.refreshTokenTtlSeconds * 1000),
      );
      expect(createdEvents).toEqual([{ userId: 'user-1', sessionId: 'session-new' }]);
    });
  });

  describe('rotate', () => {
    it('issues a new refresh token and retires the presented one', async () => {
      const session = repositories.storeToken('first');
      const issued = await service.rotate('first');

      expect(issued.refreshToken).not.toBe('first');
      expect(issued.sessionId).toBe(session.id);
      // The old token is marked used and its successor stored as a digest, at this instant.
      expect(repositories.sessions.rotate).toHaveBeenCalledWith(
        'token-1',
        session.id,
        hashSecretToken(issued.refreshToken),
        NOW,
      );
      await expect(accessTokens.verify(issued.accessToken)).resolves.toEqual({
        sub: 'user-1',
        sid: session.id,
        roles: ['member'],
      });
      // The successor works once in turn; the session stays live.
      await expect(service.rotate(issued.refreshToken)).resolves.toMatchObject({
        sessionId: session.id,
      });
      expect(session.revokedAt).toBeNull();
      expect(revokedEvents).toEqual([]);
    });

    it('revokes the session when a retired token comes back, and says so once', async () => {
      const session = repositories.storeToken('first');
      const next = await service.rotate('first');

      await expect(service.rotate('first')).rejects.toMatchObject({ code: 'REFRESH_TOKEN_REUSED' });
      expect(session.revokedReason).toBe('refresh_token_reused');
      expect(revokedEvents).toEqual([
        { userId: 'user-1', sessionId: session.id, reason: 'refresh_token_reused' },
      ]);
      // The thief's replay kills the owner's successor too; a second replay emits nothing more.
      await expect(service.rotate(next.refreshToken)).rejects.toMatchObject({
        code: 'INVALID_REFRESH_TOKEN',
      });
      await expect(service.rotate('first')).rejects.toMatchObject({ code: 'REFRESH_TOKEN_REUSED' });
      expect(revokedEvents).toHaveLength(1);
    });

    it('lets exactly one of two concurrent rotations of one token win, then revokes the session', async () => {
      const session = repositories.storeToken('first');
      const results = await Promise.allSettled([service.rotate('first'), service.rotate('first')]);

      // Both read the token before either rotated it: the race really happened.
      const reads = repositories.sessions.findRefreshToken.mock.invocationCallOrder;
      const rotations = repositories.sessions.rotate.mock.invocationCallOrder;
      expect(Math.max(...reads)).toBeLessThan(Math.min(...rotations));

      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const refused = results.filter((result) => result.status === 'rejected');
      expect(refused).toHaveLength(1);
      expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({
        code: 'REFRESH_TOKEN_REUSED',
      });
      // A thief racing the owner must not keep the session by winning: the winner's token dies too.
      expect(session.revokedReason).toBe('refresh_token_reused');
      expect(revokedEvents).toEqual([
        { userId: 'user-1', sessionId: session.id, reason: 'refresh_token_reused' },
      ]);
      const winner = (
        results.find((result) => result.status === 'fulfilled') as PromiseFulfilledResult<{
          refreshToken: string;
        }>
      ).value;
      await expect(service.rotate(winner.refreshToken)).rejects.toMatchObject({
        code: 'INVALID_REFRESH_TOKEN',
      });
    });

    it('under eight parallel uses of one token: one wins, seven are refused, one revocation event', async () => {
      repositories.storeToken('first');
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, () => service.rotate('first')),
      );
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      expect(repositories.sessions.rotate.mock.results.length).toBe(8);
      expect(revokedEvents).toHaveLength(1);
    });

    it('refuses a token of an expired session (expiry is exclusive), without revoking it', async () => {
      const session = repositories.storeToken('at-expiry', { expiresAt: NOW });
      await expect(service.rotate('at-expiry')).rejects.toMatchObject({
        code: 'INVALID_REFRESH_TOKEN',
      });
      expect(repositories.sessions.rotate).not.toHaveBeenCalled();
      expect(session.revokedAt).toBeNull();
      expect(revokedEvents).toEqual([]);

      repositories.storeToken('just-before', { expiresAt: new Date(NOW.getTime() + 1) });
      await expect(service.rotate('just-before')).resolves.toBeDefined();
    });

    it('refuses a session that expired while it was idle (the clock moves on)', async () => {
      repositories.storeToken('first', { expiresAt: new Date(NOW.getTime() + 60_000) });
      jest.setSystemTime(NOW.getTime() + 60_000);
      await expect(service.rotate('first')).rejects.toMatchObject({
        code: 'INVALID_REFRESH_TOKEN',
      });
      expect(repositories.sessions.rotate).not.toHaveBeenCalled();
    });

    it('refuses unknown tokens, revoked sessions and banned users, without revoking anything', async () => {
      await expect(service.rotate('never-issued')).rejects.toMatchObject({
        code: 'INVALID_REFRESH_TOKEN',
      });
      repositories.storeToken('revoked', { revokedAt: new Date(NOW.getTime() - 1000) });
      await expect(service.rotate('revoked')).rejects.toMatchObject({
        code: 'INVALID_REFRESH_TOKEN',
      });
      repositories.storeToken('banned', {
        user: { ...repositories.user, banned: true } as User,
      });
      await expect(service.rotate('banned')).rejects.toMatchObject({
        code: 'INVALID_REFRESH_TOKEN',
      });
      expect(repositories.sessions.rotate).not.toHaveBeenCalled();
      expect(repositories.sessions.revoke).not.toHaveBeenCalled();
    });

    it('looks tokens up by their digest only', async () => {
      repositories.storeToken('first');
      await service.rotate('first');
      expect(repositories.sessions.findRefreshToken).toHaveBeenCalledWith(hashSecretToken('first'));
    });
  });

  describe('revokeByRefreshToken (logout)', () => {
    it('revokes the session of a known token with reason logout; ignores unknown tokens', async () => {
      const session = repositories.storeToken('first');
      await service.revokeByRefreshToken('never-issued');
      expect(repositories.sessions.revoke).not.toHaveBeenCalled();

      await service.revokeByRefreshToken('first');
      expect(session.revokedReason).toBe('logout');
      expect(revokedEvents).toEqual([
        { userId: 'user-1', sessionId: session.id, reason: 'logout' },
      ]);
    });
  });

  describe('authenticate', () => {
    function activeRow(lastUsedAt: Date, banned = false): ActiveSessionRow {
      return {
        sessionId: 'session-1',
        userId: 'user-1',
        banned,
        isAnonymous: false,
        roles: ['member'],
        authenticatedAt: NOW,
        lastUsedAt,
        impersonatorId: null,
        sessionRow: {},
        userRow: {},
      };
    }

    it('writes lastUsedAt at most once per TOUCH_INTERVAL_MS', async () => {
      const accessToken = await accessTokens.sign({ sub: 'user-1', sid: 'session-1', roles: [] });
      repositories.sessions.findActiveRow.mockResolvedValue(
        activeRow(new Date(NOW.getTime() - TOUCH_INTERVAL_MS)),
      );
      await expect(service.authenticate(accessToken)).resolves.toMatchObject({ id: 'user-1' });
      expect(repositories.sessions.touch).not.toHaveBeenCalled();

      repositories.sessions.findActiveRow.mockResolvedValue(
        activeRow(new Date(NOW.getTime() - TOUCH_INTERVAL_MS - 1)),
      );
      await service.authenticate(accessToken);
      expect(repositories.sessions.touch).toHaveBeenCalledWith('session-1', NOW);
    });

    it('refuses an access token once its lifetime is over, without reading the session', async () => {
      const accessToken = await accessTokens.sign({ sub: 'user-1', sid: 'session-1', roles: [] });
      repositories.sessions.findActiveRow.mockResolvedValue(activeRow(NOW));
      jest.setSystemTime(NOW.getTime() + (OPTIONS.accessTokenTtlSeconds - 1) * 1000);
      await expect(service.authenticate(accessToken)).resolves.not.toBeNull();

      jest.setSystemTime(NOW.getTime() + OPTIONS.accessTokenTtlSeconds * 1000);
      repositories.sessions.findActiveRow.mockClear();
      await expect(service.authenticate(accessToken)).resolves.toBeNull();
      expect(repositories.sessions.findActiveRow).not.toHaveBeenCalled();
    });

    it('refuses a banned user and a session the repository no longer finds live', async () => {
      const accessToken = await accessTokens.sign({ sub: 'user-1', sid: 'session-1', roles: [] });
      repositories.sessions.findActiveRow.mockResolvedValue(activeRow(NOW, true));
      await expect(service.authenticate(accessToken)).resolves.toBeNull();
      repositories.sessions.findActiveRow.mockResolvedValue(null);
      await expect(service.authenticate(accessToken)).resolves.toBeNull();
      // The live check is made at the request's instant (without requireVerifiedEmail, the
      // read leaves out whether the user verified an address).
      expect(repositories.sessions.findActiveRow).toHaveBeenLastCalledWith(
        'session-1',
        'user-1',
        NOW,
        false,
        undefined,
      );
    });
  });
});
