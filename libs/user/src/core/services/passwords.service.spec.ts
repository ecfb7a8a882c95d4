import { EntityManager } from '@mikro-orm/core';
import { EventEmitter2, EventEmitterModule } from '@nestjs/event-emitter';
import { Test, type TestingModule } from '@nestjs/testing';
import type { User } from '../entities/user.entity.js';
import { UserEventsPublisher } from '../events/user-events.publisher.js';
import { TransactionalEventSinks } from '../extension-points/transactional-event-sink.js';
import type { UserKitEventContext, UserKitEvents } from '../events/user-kit-events.js';

/** Outside a request (a service called directly) events carry an empty context. */
const NO_REQUEST: UserKitEventContext = {
  actorId: null,
  actorSessionId: null,
  ip: null,
  userAgent: null,
};
import { MessageSender } from '../extension-points/message-sender.js';
import { PasswordHasher } from '../extension-points/password-hasher.js';
import { RateLimitStorage } from '../extension-points/rate-limit-storage.js';
import type { ResolvedUserOptions } from '../options/resolved-options.js';
import { MemoryThrottlerStorage } from '../rate-limit/memory-throttler-storage.js';
import { EmailAddressesRepository } from '../repositories/email-addresses.repository.js';
import { LockedUserUpdateRepository } from '../repositories/locked-user-update.repository.js';
import { OrmContext } from '../repositories/orm-context.js';
import { PasswordResetTokensRepository } from '../repositories/password-reset-tokens.repository.js';
import { SessionsRepository } from '../repositories/sessions.repository.js';
import { SignInAttemptsRepository } from '../repositories/sign-in-attempts.repository.js';
import { UnverifiedClaimResetRepository } from '../repositories/unverified-claim-reset.repository.js';
import { UserModerationRepository } from '../repositories/user-moderation.repository.js';
import { UserSessionsRepository } from '../repositories/user-sessions.repository.js';
import { UsersRepository } from '../repositories/users.repository.js';
import { USER_OPTIONS } from '../tokens.js';
import { HashingGate } from './hashing-gate.js';
import { MessageDeliveryService } from './message-delivery.service.js';
import { PASSWORD_RESET_TTL_MS, PasswordsService } from './passwords.service.js';
import { PasswordPolicyService } from './password-policy.service.js';
import { RouteUrlsService } from './route-urls.service.js';
import { hashSecretToken } from './secret-token.js';
import { SessionRevocationService } from './session-revocation.service.js';
import { RevokedSessions } from './revoked-sessions.js';
import { SignInAttemptsService } from './sign-in-attempts.service.js';
import { UserFeatureListeners } from './user-feature-listeners.js';
import { UserSessionsService } from './user-sessions.service.js';
import { UserUpdateService } from './user-update.service.js';

// Under ESM the jest object is not a global: it comes with the module.
const jest = import.meta.jest;

const NOW = new Date('2030-01-01T12:00:00.000Z');
const OPTIONS = {
  passwordMinLength: 8,
  passwordMaxLength: 128,
  hashingConcurrency: 2,
  hashingQueueLimit: 10,
  identifiers: { passwordResetUrl: 'https://app.example/reset', passwordResetUrlGiven: true },
} as unknown as ResolvedUserOptions;
const NEW_PASSWORD = 'correct horse battery staple';

/**
 * Reset links are single-use, one-hour secrets. The repositories are jest mocks (the link's
 * single use and expiry are conditional updates in SQL, checked against both databases by
 * test/password-recovery.e2e-spec.ts); the password hasher, an extension point, is a fast fake.
 * The core services the reset goes through are real: the password is written by UserUpdateService
 * (user.updated) and the sessions end through SessionRevocationService (session.revoked).
 */
describe('PasswordsService reset links (mocked repositories)', () => {
  let module: TestingModule;
  let service: PasswordsService;
  const user = {
    id: 'user-1',
    banned: false,
    displayName: null,
    firstName: null,
    lastName: null,
    passwordHash: 'hashed:old password',
    emailAddresses: { getItems: () => [{ email: 'ada@example.com', primary: true }] },
  } as unknown as User;
  let resetTokens: { create: jest.Mock; findLive: jest.Mock; redeem: jest.Mock };
  let users: { findFullById: jest.Mock; setPasswordHash: jest.Mock };
  let userSessions: { revokeAllExcept: jest.Mock };
  let signInAttempts: { countAttempt: jest.Mock; clear: jest.Mock };
  let ormContext: { runDetached: jest.Mock };
  let sender: { sendPasswordResetLink: jest.Mock };
  let events: { name: string; payload: unknown }[];

  beforeEach(async () => {
    jest.useFakeTimers({ now: NOW });
    resetTokens = {
      create: jest.fn(async () => undefined),
      findLive: jest.fn(async () => ({ userId: 'user-1', emailAddressId: null })),
      redeem: jest.fn(async () => true),
    };
    users = {
      findFullById: jest.fn(async () => user),
      setPasswordHash: jest.fn(async () => undefined),
    };
    userSessions = { revokeAllExcept: jest.fn(async () => 1) };
    signInAttempts = {
      countAttempt: jest.fn(async () => true),
      clear: jest.fn(async () => undefined),
    };
    ormContext = { runDetached: jest.fn((work: () => Promise<unknown>) => work()) };
    sender = { sendPasswordResetLink: jest.fn(async () => undefined) };
    module = await Test.createTestingModule({
      imports: [EventEmitterModule.forRoot()],
      providers: [
        PasswordsService,
        HashingGate,
        PasswordPolicyService,
        SignInAttemptsService,
        UserSessionsService,
        SessionRevocationService,
        RevokedSessions,
        UserUpdateService,
        UserFeatureListeners,
        UserEventsPublisher,
        // No sink registered: the publisher never opens a transaction (the EntityManager is unused).
        TransactionalEventSinks,
        { provide: EntityManager, useValue: {} },
        MessageDeliveryService,
        RouteUrlsService,
        { provide: USER_OPTIONS, useValue: OPTIONS },
        {
          provide: PasswordHasher,
          useValue: {
            hash: async (password: string) => `hashed:${password}`,
            verify: async (hash: string, password: string) => hash === `hashed:${password}`,
            needsRehash: () => false,
          },
        },
        { provide: MessageSender, useValue: sender },
        { provide: RateLimitStorage, useValue: new MemoryThrottlerStorage() },
        { provide: OrmContext, useValue: ormContext },
        { provide: PasswordResetTokensRepository, useValue: resetTokens },
        { provide: UsersRepository, useValue: users },
        { provide: UserSessionsRepository, useValue: userSessions },
        { provide: SignInAttemptsRepository, useValue: signInAttempts },
        {
          provide: EmailAddressesRepository,
          useValue: {
            findRecoverableEmail: jest.fn(async () => ({
              id: 'email-1',
              email: 'ada@example.com',
              user,
            })),
          },
        },
        // Reached only by what a reset link does not do (a single session's end, a locked update,
        // a ban): present for the real services' constructors.
        { provide: SessionsRepository, useValue: { revoke: jest.fn(), ownerOf: jest.fn() } },
        { provide: LockedUserUpdateRepository, useValue: { update: jest.fn() } },
        { provide: UserModerationRepository, useValue: { setBanned: jest.fn() } },
        {
          provide: UnverifiedClaimResetRepository,
          useValue: { verifyAndReclaim: jest.fn(async () => ({ outcome: 'already_verified' })) },
        },
      ],
    }).compile();
    await module.init();
    service = module.get(PasswordsService);
    events = [];
    module.get(EventEmitter2).onAny((name: string | string[], payload: unknown) => {
      events.push({ name: String(name), payload });
    });
  });

  afterEach(async () => {
    module.get<MemoryThrottlerStorage>(RateLimitStorage).onApplicationShutdown();
    await module.close();
    jest.useRealTimers();
  });

  /** Asks for a link, waits for the work done after the answer, and returns the token sent. */
  async function requestLink(): Promise<string> {
    service.requestReset('ada@example.com');
    await ormContext.runDetached.mock.results.at(-1)!.value;
    return (sender.sendPasswordResetLink.mock.calls.at(-1)![0] as { token: string }).token;
  }

  it('stores only the digest of the link’s token, expiring after one hour', async () => {
    const token = await requestLink();
    const expiresAt = new Date(NOW.getTime() + PASSWORD_RESET_TTL_MS);
    expect(PASSWORD_RESET_TTL_MS).toBe(3600 * 1000);
    expect(resetTokens.create).toHaveBeenCalledWith(
      'user-1',
      'email-1',
      hashSecretToken(token),
      expiresAt,
    );
    expect(JSON.stringify(resetTokens.create.mock.calls)).not.toContain(token);
    expect(sender.sendPasswordResetLink).toHaveBeenCalledWith(
      expect.objectContaining({
        link: `https://app.example/reset?token=${token}`,
        expiresAt,
      }),
    );
  });

  it('looks the token up by its digest, live at the instant of the request', async () => {
    const token = await requestLink();
    jest.setSystemTime(NOW.getTime() + 1000);
    await service.reset(token, NEW_PASSWORD);
    const at = new Date(NOW.getTime() + 1000);
    expect(resetTokens.findLive).toHaveBeenCalledWith(hashSecretToken(token), at);
    expect(resetTokens.redeem).toHaveBeenCalledWith(hashSecretToken(token), 'user-1', at);
    expect(users.setPasswordHash).toHaveBeenCalledWith('user-1', `hashed:${NEW_PASSWORD}`);
    // The lock lifts and every session ends.
    expect(signInAttempts.clear).toHaveBeenCalledWith('user-1');
    expect(userSessions.revokeAllExcept).toHaveBeenCalledWith('user-1', null, 'password_reset', at);
    expect(events).toEqual([
      {
        name: 'session.revoked',
        payload: {
          userId: 'user-1',
          sessionId: null,
          reason: 'password_reset',
          context: NO_REQUEST,
        } satisfies UserKitEvents['session.revoked'],
      },
      {
        name: 'password.changed',
        payload: {
          userId: 'user-1',
          via: 'reset',
          context: NO_REQUEST,
        } satisfies UserKitEvents['password.changed'],
      },
      {
        name: 'user.updated',
        payload: {
          userId: 'user-1',
          changes: ['password'],
          context: NO_REQUEST,
        } satisfies UserKitEvents['user.updated'],
      },
    ]);
  });

  it('refuses a token that is not live (unknown, spent or expired), changing nothing', async () => {
    resetTokens.findLive.mockResolvedValue(null);
    await expect(service.reset('whatever', NEW_PASSWORD)).rejects.toMatchObject({
      code: 'INVALID_RESET_TOKEN',
    });
    expect(resetTokens.redeem).not.toHaveBeenCalled();
    expect(users.setPasswordHash).not.toHaveBeenCalled();
    expect(userSessions.revokeAllExcept).not.toHaveBeenCalled();
    expect(events).toEqual([]);
  });

  it('leaves the link unspent when the new password is refused, so a better one can follow', async () => {
    const token = await requestLink();
    await expect(service.reset(token, 'short')).rejects.toMatchObject({ code: 'WEAK_PASSWORD' });
    expect(resetTokens.redeem).not.toHaveBeenCalled();
    await service.reset(token, NEW_PASSWORD);
    expect(resetTokens.redeem).toHaveBeenCalledTimes(1);
  });

  it('changes nothing when another request spent the link first (the redemption is the referee)', async () => {
    const token = await requestLink();
    resetTokens.redeem.mockResolvedValue(false);
    await expect(service.reset(token, NEW_PASSWORD)).rejects.toMatchObject({
      code: 'INVALID_RESET_TOKEN',
    });
    expect(users.setPasswordHash).not.toHaveBeenCalled();
    expect(userSessions.revokeAllExcept).not.toHaveBeenCalled();
    expect(signInAttempts.clear).not.toHaveBeenCalled();
    expect(events).toEqual([]);
  });
});
