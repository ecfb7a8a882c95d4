import { Test, type TestingModule } from '@nestjs/testing';
import { generate } from 'otplib';
import type { User } from '../../core/entities/user.entity.js';
import type { ResolvedUserOptions } from '../../core/options/resolved-options.js';
import { UsersRepository } from '../../core/repositories/users.repository.js';
import { deriveKey, hashShortCode } from '../../core/services/one-time-codes.js';
import { UserUpdateService } from '../../core/services/user-update.service.js';
import { USER_OPTIONS } from '../../core/tokens.js';
import type { TotpCredential } from '../entities/totp-credential.entity.js';
import { resolveTwoFactorOptions, TWO_FACTOR_OPTIONS } from '../options/two-factor-options.js';
import { TwoFactorRepository } from '../repositories/two-factor.repository.js';
import { sealSecret } from './secret-box.js';
import { BACKUP_CODE_COUNT, TwoFactorService } from './two-factor.service.js';

// Under ESM the jest object is not a global: it comes with the module.
const jest = import.meta.jest;

/** The start of a 30-second TOTP step. */
const NOW = new Date('2030-01-01T12:00:00.000Z');
const STEP = NOW.getTime() / 1000 / 30;
const TOKEN_SECRET = 'unit-test-secret-of-at-least-32-characters';
/** A fixed authenticator secret (base32): the codes of steps -2..2 around NOW all differ. */
const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe('TwoFactorService codes (mocked repositories)', () => {
  let module: TestingModule;
  let service: TwoFactorService;
  let credential: TotpCredential;
  let repository: {
    findCredential: jest.Mock;
    useStep: jest.Mock;
    enable: jest.Mock;
    useBackupCode: jest.Mock;
  };
  let user: User;

  beforeEach(async () => {
    jest.useFakeTimers({ now: NOW });
    credential = {
      id: 'credential-1',
      encryptedSecret: sealSecret(deriveKey(TOKEN_SECRET, 'totp-secrets'), TOTP_SECRET),
      confirmedAt: new Date(NOW.getTime() - 3600_000),
      lastUsedStep: null,
    } as TotpCredential;
    user = { id: 'user-1', twoFactorEnabled: false } as User;
    repository = {
      findCredential: jest.fn(async () => credential),
      useStep: jest.fn(async () => true),
      enable: jest.fn(async () => true),
      useBackupCode: jest.fn(async () => true),
    };
    module = await Test.createTestingModule({
      providers: [
        TwoFactorService,
        { provide: USER_OPTIONS, useValue: { tokenSecret: TOKEN_SECRET } as ResolvedUserOptions },
        {
          provide: TWO_FACTOR_OPTIONS,
          useValue: resolveTwoFactorOptions(undefined, 'userkit-unit-test'),
        },
        { provide: TwoFactorRepository, useValue: repository },
        { provide: UsersRepository, useValue: { findFullById: jest.fn(async () => user) } },
        {
          provide: UserUpdateService,
          // The write runs as it is; the events are the core's business.
          useValue: {
            backupCodeUsed: jest.fn(),
            twoFactorChangedBy: (_userId: string, _enabled: boolean, write: () => unknown) =>
              write(),
          },
        },
      ],
    }).compile();
    service = module.get(TwoFactorService);
  });

  afterEach(async () => {
    await module.close();
    jest.useRealTimers();
  });

  /** The authenticator's code `steps` steps away from now. */
  const codeAt = (steps: number) =>
    generate({ secret: TOTP_SECRET, epoch: NOW.getTime() / 1000 + steps * 30 });

  describe('TOTP codes', () => {
    it('accepts the current code and hands its time step to the replay guard', async () => {
      await expect(service.checkSecondFactor('user-1', await codeAt(0))).resolves.toBe(true);
      expect(repository.useStep).toHaveBeenCalledWith('credential-1', STEP);
    });

    it('accepts the previous and the next step (clock drift), and hands over the code’s own step', async () => {
      await expect(service.checkSecondFactor('user-1', await codeAt(-1))).resolves.toBe(true);
      expect(repository.useStep).toHaveBeenLastCalledWith('credential-1', STEP - 1);
      await expect(service.checkSecondFactor('user-1', await codeAt(1))).resolves.toBe(true);
      expect(repository.useStep).toHaveBeenLastCalledWith('credential-1', STEP + 1);
    });

    it('refuses a code two steps old or two steps ahead, without spending a step', async () => {
      const near = await Promise.all([-1, 0, 1].map(codeAt));
      for (const steps of [-2, 2]) {
        const code = await codeAt(steps);
        expect(near).not.toContain(code);
        await expect(service.checkSecondFactor('user-1', code)).resolves.toBe(false);
      }
      expect(repository.useStep).not.toHaveBeenCalled();
    });

    it('refuses a code once the clock has moved two steps past it', async () => {
      const code = await codeAt(0);
      jest.setSystemTime(NOW.getTime() + 59_999);
      await expect(service.checkSecondFactor('user-1', code)).resolves.toBe(true);
      jest.setSystemTime(NOW.getTime() + 60_000);
      await expect(service.checkSecondFactor('user-1', code)).resolves.toBe(false);
    });

    it('refuses a step the repository has seen already (a replayed code)', async () => {
      repository.useStep.mockResolvedValue(false);
      await expect(service.checkSecondFactor('user-1', await codeAt(0))).resolves.toBe(false);
    });

    it('refuses codes of an authenticator that was never confirmed', async () => {
      credential.confirmedAt = null;
      await expect(service.checkSecondFactor('user-1', await codeAt(0))).resolves.toBe(false);
      expect(repository.useStep).not.toHaveBeenCalled();
    });
  });

  describe('backup codes', () => {
    it('are handed over once and stored only as HMACs bound to the user', async () => {
      credential.confirmedAt = null;
      const codes = await service.confirm('user-1', await codeAt(0));
      expect(codes).toHaveLength(BACKUP_CODE_COUNT);
      expect(new Set(codes).size).toBe(BACKUP_CODE_COUNT);
      const [, , step, hashes] = repository.enable.mock.calls[0] as [
        string,
        string,
        number,
        string[],
      ];
      expect(step).toBe(STEP);
      const key = deriveKey(TOKEN_SECRET, 'backup-codes');
      expect(hashes).toEqual(
        codes.map((code) => hashShortCode(key, 'user-1', code.replace('-', ''))),
      );
      for (const code of codes) {
        expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
        expect(JSON.stringify(repository.enable.mock.calls)).not.toContain(code.replace('-', ''));
      }
    });

    it('are spent by their HMAC at this instant, however the user types them', async () => {
      const key = deriveKey(TOKEN_SECRET, 'backup-codes');
      for (const typed of ['abcde-fghjk', ' ABCDE FGHJK ', 'abcdefghjk']) {
        repository.useBackupCode.mockClear();
        await expect(service.checkSecondFactor('user-1', typed)).resolves.toBe(true);
        expect(repository.useBackupCode).toHaveBeenCalledWith(
          'user-1',
          hashShortCode(key, 'user-1', 'abcdefghjk'),
          NOW,
        );
      }
    });

    it('refuses a code the repository has spent already, and malformed codes without a lookup', async () => {
      repository.useBackupCode.mockResolvedValue(false);
      await expect(service.checkSecondFactor('user-1', 'abcde-fghjk')).resolves.toBe(false);
      repository.useBackupCode.mockClear();
      await expect(service.checkSecondFactor('user-1', 'abcde-fghj')).resolves.toBe(false);
      expect(repository.useBackupCode).not.toHaveBeenCalled();
    });
  });
});
