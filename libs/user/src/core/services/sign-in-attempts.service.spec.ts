import { Test, type TestingModule } from '@nestjs/testing';
import { RateLimitStorage } from '../extension-points/rate-limit-storage.js';
import { MemoryThrottlerStorage } from '../rate-limit/memory-throttler-storage.js';
import { SignInAttemptsRepository } from '../repositories/sign-in-attempts.repository.js';
import { SignInAttemptsService, type SignInAttempt } from './sign-in-attempts.service.js';

// Under ESM the jest object is not a global: it comes with the module.
const jest = import.meta.jest;

const NOW = new Date('2030-01-01T12:00:00.000Z');
const SECOND = 1000;
const DAY = 24 * 3600 * SECOND;

/**
 * The service is real and so is the built-in in-memory RateLimitStorage (where the backoff's
 * clock lives); the repository (the account's consecutive-failure count in the users table) is a
 * jest mock.
 */
describe('SignInAttemptsService (mocked repository, in-memory rate-limit storage)', () => {
  let module: TestingModule;
  let service: SignInAttemptsService;
  let repository: { countAttempt: jest.Mock; clear: jest.Mock };
  const owner = { id: 'user-1', passwordHash: '$argon2id$first' };

  beforeEach(async () => {
    jest.useFakeTimers({ now: NOW });
    repository = {
      countAttempt: jest.fn(async () => true),
      clear: jest.fn(async () => undefined),
    };
    module = await Test.createTestingModule({
      providers: [
        SignInAttemptsService,
        { provide: SignInAttemptsRepository, useValue: repository },
        { provide: RateLimitStorage, useValue: new MemoryThrottlerStorage() },
      ],
    }).compile();
    service = module.get(SignInAttemptsService);
  });

  afterEach(async () => {
    module.get<MemoryThrottlerStorage>(RateLimitStorage).onApplicationShutdown();
    await module.close();
    jest.useRealTimers();
  });

  const later = (milliseconds: number) => jest.setSystemTime(Date.now() + milliseconds);

  /** The seconds this attempt must wait now, or 0 when it may go ahead. */
  async function waitOf(attempt: SignInAttempt): Promise<number> {
    try {
      await service.reserve(attempt);
      return 0;
    } catch (error) {
      expect(error).toMatchObject({ code: 'SIGN_IN_BACKOFF' });
      return (error as { retryAfterSeconds: number }).retryAfterSeconds;
    }
  }

  async function fail(attempt: SignInAttempt, times: number): Promise<void> {
    for (let i = 0; i < times; i++) await service.failed(attempt);
  }

  describe('backoff per client and account', () => {
    it('gives 5 free failures, then waits 1 s, doubling with each failure', async () => {
      const attempt = service.forUser(owner, '203.0.113.7');
      await fail(attempt, 4);
      expect(await waitOf(attempt)).toBe(0);

      const waits: number[] = [];
      for (let failure = 5; failure <= 9; failure++) {
        await service.failed(attempt);
        const wait = await waitOf(attempt);
        waits.push(wait);
        // Still refused a moment before the wait ends, allowed once it has.
        later(wait * SECOND - 1);
        expect(await waitOf(attempt)).toBeGreaterThan(0);
        later(1);
        expect(await waitOf(attempt)).toBe(0);
      }
      expect(waits).toEqual([1, 2, 4, 8, 16]);
    });

    it('caps the wait at 15 minutes', async () => {
      const attempt = service.forUser(owner, '203.0.113.7');
      const waits: number[] = [];
      for (let failure = 1; failure <= 16; failure++) {
        await service.failed(attempt);
        const wait = await waitOf(attempt);
        waits.push(wait);
        later(wait * SECOND);
      }
      expect(waits.slice(-3)).toEqual([512, 900, 900]);
    });

    it('refuses during the wait without counting the attempt towards the account lock', async () => {
      const attempt = service.forUser(owner, '203.0.113.7');
      await fail(attempt, 5);
      await expect(service.reserve(attempt)).rejects.toMatchObject({ code: 'SIGN_IN_BACKOFF' });
      expect(repository.countAttempt).not.toHaveBeenCalled();
    });

    it("keeps a stranger's failures from slowing down the owner (another client, same account)", async () => {
      const stranger = service.forUser(owner, '198.51.100.1');
      await fail(stranger, 10);
      expect(await waitOf(stranger)).toBeGreaterThan(0);
      expect(await waitOf(service.forUser(owner, '203.0.113.7'))).toBe(0);
      // One IPv6 /64 is one client: rotating the interface identifier does not help.
      await fail(service.forUser(owner, '2001:db8:0:1::1'), 5);
      expect(await waitOf(service.forUser(owner, '2001:db8:0:1::2'))).toBeGreaterThan(0);
    });

    it('forgets failures 24 hours after the first one', async () => {
      const attempt = service.forUser(owner, '203.0.113.7');
      await fail(attempt, 4);
      later(DAY);
      await service.failed(attempt);
      expect(await waitOf(attempt)).toBe(0);
    });

    it('counts failures within those 24 hours, however slowly they come', async () => {
      const attempt = service.forUser(owner, '203.0.113.7');
      for (let i = 0; i < 5; i++) {
        if (i > 0) later(DAY / 5 - SECOND);
        await service.failed(attempt);
      }
      expect(await waitOf(attempt)).toBe(1);
    });

    it('starts over after a password reset (a new password hash is a new account history)', async () => {
      await fail(service.forUser(owner, '203.0.113.7'), 8);
      const afterReset = service.forUser(
        { ...owner, passwordHash: '$argon2id$second' },
        '203.0.113.7',
      );
      expect(await waitOf(afterReset)).toBe(0);
    });

    it('backs off unknown emails the same way, whatever their case', async () => {
      await fail(service.forUnknownEmail('Nobody@Example.com', '203.0.113.7'), 5);
      expect(await waitOf(service.forUnknownEmail('nobody@example.com', '203.0.113.7'))).toBe(1);
    });
  });

  describe('account lock (100 consecutive failures)', () => {
    it('counts each attempt on the account, at this instant, against a limit of 100', async () => {
      await service.reserve(service.forUser(owner, '203.0.113.7'));
      expect(repository.countAttempt).toHaveBeenCalledWith('user-1', NOW, 100);
    });

    it('refuses once the repository says the account is locked, with the longest backoff as Retry-After', async () => {
      repository.countAttempt.mockResolvedValue(false);
      await expect(service.reserve(service.forUser(owner, '203.0.113.7'))).rejects.toMatchObject({
        code: 'PASSWORD_SIGN_IN_DISABLED',
        retryAfterSeconds: 15 * 60,
      });
    });

    it('does not count twice what the sign-in read already counted', async () => {
      await service.reserve(service.forUser(owner, '203.0.113.7'), true);
      expect(repository.countAttempt).not.toHaveBeenCalled();
    });

    it('is lifted by clear after a success or a reset', async () => {
      await service.clear('user-1');
      expect(repository.clear).toHaveBeenCalledWith('user-1');
    });

    it('locks an unknown email after 100 attempts from any clients, for 30 days', async () => {
      for (let i = 0; i < 100; i++)
        await service.reserve(service.forUnknownEmail('nobody@example.com', `198.51.100.${i}`));
      await expect(
        service.reserve(service.forUnknownEmail('NOBODY@example.com', '203.0.113.7')),
      ).rejects.toMatchObject({ code: 'PASSWORD_SIGN_IN_DISABLED' });
      later(30 * DAY - 1);
      await expect(
        service.reserve(service.forUnknownEmail('nobody@example.com', '203.0.113.7')),
      ).rejects.toMatchObject({ code: 'PASSWORD_SIGN_IN_DISABLED' });
      later(1);
      await expect(
        service.reserve(service.forUnknownEmail('nobody@example.com', '203.0.113.7')),
      ).resolves.toBeUndefined();
      expect(repository.countAttempt).not.toHaveBeenCalled();
    });
  });
});
