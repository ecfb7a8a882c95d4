import { Test, type TestingModule } from '@nestjs/testing';
import type { User } from '../../core/entities/user.entity.js';
import { MessageSender } from '../../core/extension-points/message-sender.js';
import { RateLimitStorage } from '../../core/extension-points/rate-limit-storage.js';
import type { ResolvedUserOptions } from '../../core/options/resolved-options.js';
import { MemoryThrottlerStorage } from '../../core/rate-limit/memory-throttler-storage.js';
import { MessageDeliveryService } from '../../core/services/message-delivery.service.js';
import { deriveKey, hashShortCode } from '../../core/services/one-time-codes.js';
import { hashSecretToken } from '../../core/services/secret-token.js';
import { SignInMethodsService } from '../../core/services/sign-in-methods.service.js';
import { UserUpdateService } from '../../core/services/user-update.service.js';
import { USER_OPTIONS } from '../../core/tokens.js';
import {
  ContactsRepository,
  type CodeRedemption,
  type ContactKind,
  type ContactRecord,
} from '../repositories/contacts.repository.js';
import { ContactsService, VERIFICATION_CODE_TTL_MS } from './contacts.service.js';

// Under ESM the jest object is not a global: it comes with the module.
const jest = import.meta.jest;

const NOW = new Date('2030-01-01T12:00:00.000Z');
const TOKEN_SECRET = 'unit-test-secret-of-at-least-32-characters';
const USER = {
  id: 'user-1',
  isAnonymous: false,
  displayName: null,
  firstName: null,
  lastName: null,
} as unknown as User;

interface StoredCode {
  codeId: string;
  codeHash: string;
  expiresAt: Date;
}

/**
 * What the repository stores, in memory. Its redemption only asks the service's `matches`: the
 * tries limit, the expiry and the single use are conditional updates in SQL, checked against both
 * databases by test/emails.e2e-spec.ts and test/phones.e2e-spec.ts.
 */
function mockedRepository() {
  const contacts = new Map<string, ContactRecord>();
  const codes = new Map<string, StoredCode>();
  return {
    contacts,
    codes,
    add: jest.fn(async (_kind: ContactKind, userId: string, value: string) => {
      const record = {
        id: `contact-${contacts.size + 1}`,
        userId,
        value,
        verified: false,
        primary: false,
      };
      contacts.set(record.id, record);
      return { ...record };
    }),
    findOwned: jest.fn(async (_kind: ContactKind, userId: string, id: string) => {
      const record = contacts.get(id);
      return record && record.userId === userId ? { ...record } : null;
    }),
    replaceCode: jest.fn(
      async (
        _kind: ContactKind,
        _userId: string,
        targetId: string,
        codeId: string,
        codeHash: string,
        expiresAt: Date,
      ) => {
        codes.set(targetId, { codeId, codeHash, expiresAt });
      },
    ),
    redeemCode: jest.fn(
      async (
        _kind: ContactKind,
        targetId: string,
        _now: Date,
        matches: (codeId: string, codeHash: string) => boolean,
      ): Promise<CodeRedemption> => {
        const code = codes.get(targetId);
        if (!code) return 'no_code';
        return matches(code.codeId, code.codeHash) ? 'verified' : 'wrong_code';
      },
    ),
    remove: jest.fn(async () => true),
  };
}

describe('ContactsService verification codes (mocked repository)', () => {
  let module: TestingModule;
  let service: ContactsService;
  let repository: ReturnType<typeof mockedRepository>;
  let sender: {
    sendEmailVerificationCode: jest.Mock;
    sendPhoneVerificationCode: jest.Mock;
    sendPasswordResetLink: jest.Mock;
  };

  beforeEach(async () => {
    jest.useFakeTimers({ now: NOW });
    repository = mockedRepository();
    sender = {
      sendEmailVerificationCode: jest.fn(async () => undefined),
      sendPhoneVerificationCode: jest.fn(async () => undefined),
      sendPasswordResetLink: jest.fn(async () => undefined),
    };
    module = await Test.createTestingModule({
      providers: [
        ContactsService,
        MessageDeliveryService,
        SignInMethodsService,
        { provide: USER_OPTIONS, useValue: { tokenSecret: TOKEN_SECRET } as ResolvedUserOptions },
        { provide: ContactsRepository, useValue: repository },
        { provide: MessageSender, useValue: sender },
        { provide: RateLimitStorage, useValue: new MemoryThrottlerStorage() },
        {
          provide: UserUpdateService,
          // The write runs as it is; the events are the core's business.
          useValue: {
            changed: jest.fn(),
            identifierChanged: jest.fn(),
            changedBy: (_userId: string, write: () => unknown) => write(),
            identifierChangedBy: (_kind: string, _action: string, write: () => unknown) => write(),
          },
        },
      ],
    }).compile();
    service = module.get(ContactsService);
  });

  afterEach(async () => {
    module.get<MemoryThrottlerStorage>(RateLimitStorage).onApplicationShutdown();
    await module.close();
    jest.useRealTimers();
  });

  /** The code of the last message the sender got. */
  function lastCode(kind: ContactKind = 'email'): string {
    const calls =
      kind === 'email'
        ? sender.sendEmailVerificationCode.mock.calls
        : sender.sendPhoneVerificationCode.mock.calls;
    return (calls.at(-1)![0] as { code: string }).code;
  }

  it('sends a 6-digit code and stores only its HMAC, bound to the code row, under the derived key', async () => {
    const contact = await service.add('email', USER, ' Ada@Example.com ');
    const code = lastCode();
    expect(code).toMatch(/^\d{6}$/);

    const stored = repository.codes.get(contact.id)!;
    expect(stored.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.codeHash).not.toContain(code);
    // Keyed: a plain digest of a 6-digit code could be reversed by trying them all.
    expect(stored.codeHash).not.toBe(hashSecretToken(code));
    expect(stored.codeHash).toBe(
      hashShortCode(deriveKey(TOKEN_SECRET, 'verification-codes'), stored.codeId, code),
    );
    expect(JSON.stringify(repository.replaceCode.mock.calls)).not.toContain(`"${code}"`);
  });

  it('makes the code expire ten minutes after it was sent, and tells the recipient when', async () => {
    const contact = await service.add('phone', USER, '+33 6 12 34 56 78');
    const expiresAt = new Date(NOW.getTime() + VERIFICATION_CODE_TTL_MS);
    expect(VERIFICATION_CODE_TTL_MS).toBe(10 * 60 * 1000);
    expect(repository.codes.get(contact.id)!.expiresAt).toEqual(expiresAt);
    expect(sender.sendPhoneVerificationCode).toHaveBeenCalledWith(
      expect.objectContaining({ phoneNumber: '+33612345678', expiresAt }),
    );
  });

  it('judges a redemption at the instant of the request', async () => {
    const contact = await service.add('email', USER, 'ada@example.com');
    jest.setSystemTime(NOW.getTime() + VERIFICATION_CODE_TTL_MS);
    await service.verify('email', USER.id, contact.id, lastCode());
    expect(repository.redeemCode.mock.calls[0][2]).toEqual(
      new Date(NOW.getTime() + VERIFICATION_CODE_TTL_MS),
    );
  });

  it('verifies with the right code, and refuses a wrong one', async () => {
    const contact = await service.add('email', USER, 'ada@example.com');
    const code = lastCode();
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    await expect(service.verify('email', USER.id, contact.id, wrong)).rejects.toMatchObject({
      code: 'INVALID_VERIFICATION_CODE',
    });
    await expect(service.verify('email', USER.id, contact.id, code)).resolves.toMatchObject({
      id: contact.id,
      verified: true,
    });
  });

  it('accepts a code only for the row it was issued with (the HMAC is scoped)', async () => {
    const contact = await service.add('email', USER, 'ada@example.com');
    const code = lastCode();
    const stored = repository.codes.get(contact.id)!;
    repository.codes.set(contact.id, { ...stored, codeId: 'another-code-row' });
    await expect(service.verify('email', USER.id, contact.id, code)).rejects.toMatchObject({
      code: 'INVALID_VERIFICATION_CODE',
    });
  });

  it('replaces the code on a resend: the older code no longer verifies', async () => {
    const contact = await service.add('email', USER, 'ada@example.com');
    const first = lastCode();
    const firstRow = repository.codes.get(contact.id)!.codeId;
    await service.resend('email', USER, contact.id);
    const second = lastCode();
    expect(repository.codes.get(contact.id)!.codeId).not.toBe(firstRow);
    // One time in a million the new code has the same digits: then the old one is the new one.
    if (first !== second)
      await expect(service.verify('email', USER.id, contact.id, first)).rejects.toMatchObject({
        code: 'INVALID_VERIFICATION_CODE',
      });
    await expect(service.verify('email', USER.id, contact.id, second)).resolves.toMatchObject({
      verified: true,
    });
  });

  it.each<[CodeRedemption, string]>([
    ['exhausted', 'VERIFICATION_CODE_EXHAUSTED'],
    ['no_code', 'VERIFICATION_CODE_EXHAUSTED'],
    ['wrong_code', 'INVALID_VERIFICATION_CODE'],
    ['taken', 'EMAIL_TAKEN'],
  ])('answers a redemption that is %s with %s', async (outcome, code) => {
    const contact = await service.add('email', USER, 'ada@example.com');
    repository.redeemCode.mockResolvedValueOnce(outcome);
    await expect(service.verify('email', USER.id, contact.id, lastCode())).rejects.toMatchObject({
      code,
    });
  });

  it('does not try a code on an address that is verified already', async () => {
    const contact = await service.add('email', USER, 'ada@example.com');
    repository.contacts.get(contact.id)!.verified = true;
    await expect(service.verify('email', USER.id, contact.id, lastCode())).rejects.toMatchObject({
      code: 'ALREADY_VERIFIED',
    });
    expect(repository.redeemCode).not.toHaveBeenCalled();
  });

  it('sends one recipient at most 5 codes an hour; the next waits until the hour is over', async () => {
    const contact = await service.add('email', USER, 'ada@example.com');
    for (let i = 0; i < 4; i++) await service.resend('email', USER, contact.id);
    await expect(service.resend('email', USER, contact.id)).rejects.toMatchObject({
      code: 'TOO_MANY_MESSAGES',
      retryAfterSeconds: 3600,
    });
    expect(sender.sendEmailVerificationCode).toHaveBeenCalledTimes(5);
    expect(repository.replaceCode).toHaveBeenCalledTimes(5);

    jest.setSystemTime(NOW.getTime() + 3600 * 1000);
    await service.resend('email', USER, contact.id);
    expect(sender.sendEmailVerificationCode).toHaveBeenCalledTimes(6);
  });
});
