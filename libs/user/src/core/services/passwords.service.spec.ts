import { Test, type TestingModule } from '@nestjs/testing';
import { ContactsRepository } from '../../contacts/repositories/contacts.repository.js';
import { OAuthFlowsRepository } from '../../oauth/repositories/oauth-flows.repository.js';
import type { User } from '../entities/user.entity.js';
import { MessageSender } from '../extension-points/message-sender.js';
import { PasswordHasher } from '../extension-points/password-hasher.js';
import { RateLimitStorage } from '../extension-points/rate-limit-storage.js';
import type { ResolvedUserOptions } from '../options/resolved-options.js';
import { MemoryThrottlerStorage } from '../rate-limit/memory-throttler-storage.js';
import { OrmContext } from '../repositories/orm-context.js';
import { PasswordResetTokensRepository } from '../repositories/password-reset-tokens.repository.js';
import { SignInAttemptsRepository } from '../repositories/sign-in-attempts.repository.js';
import { UnverifiedClaimResetRepository } from '../repositories/unverified-claim-reset.repository.js';
import { UserSessionsRepository } from '../repositories/user-sessions.repository.js';
import { UsersRepository } from '../repositories/users.repository.js';
import { USER_OPTIONS } from '../tokens.js';
import { HashingGate } from './hashing-gate.js';
import { MessageDeliveryService } from './message-delivery.service.js';
import { PASSWORD_RESET_TTL_MS, PasswordsService } from './passwords.service.js';
import { PasswordPolicyService } from './password-policy.service.js';
import { RouteUrlsService } from './route-urls.service.js';
import { hashSecretToken } from './secret-token.js';
import { SignInAttemptsService } from './sign-in-attempts.service.js';
import { UserSessionsService } from './user-sessions.service.js';

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
      providers: [
        PasswordsService,
        HashingGate,
        PasswordPolicyService,
        SignInAttemptsService,
        UserSessionsService,
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
          provide: ContactsRepository,
          useValue: {
            findRecoverableEmail: jest.fn(async () => ({
              id: 'email-1',
              email: 'ada@example.com',
              user,
            })),
          },
        },
        {
          provide: OAuthFlowsRepository,
          useValue: { endPendingLinks: jest.fn(async () => undefined) },
        },
        {
          provide: UnverifiedClaimResetRepository,
          useValue: { verifyAndReclaim: jest.fn(async () => 'already_verified') },
        },
      ],
    }).compile();
    service = module.get(PasswordsService);
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
  });

  it('refuses a token that is not live (unknown, spent or expired), changing nothing', async () => {
    resetTokens.findLive.mockResolvedValue(null);
    await expect(service.reset('whatever', NEW_PASSWORD)).rejects.toMatchObject({
      code: 'INVALID_RESET_TOKEN',
    });
    expect(resetTokens.redeem).not.toHaveBeenCalled();
    expect(users.setPasswordHash).not.toHaveBeenCalled();
    expect(userSessions.revokeAllExcept).not.toHaveBeenCalled();
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
  });
});
