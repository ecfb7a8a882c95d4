import { Inject, Injectable } from '@nestjs/common';
import { generateSecret, generateURI, verify } from 'otplib';
import type { User } from '../../core/entities/user.entity.js';
import { UserKitException } from '../../core/errors/user-kit.exception.js';
import type { ResolvedUserOptions } from '../../core/options/resolved-options.js';
import { TwoFactorRepository } from '../repositories/two-factor.repository.js';
import { UsersRepository } from '../../core/repositories/users.repository.js';
import { UserUpdateService } from '../../core/services/user-update.service.js';
import { USER_OPTIONS } from '../../core/tokens.js';
import {
  deriveKey,
  generateBackupCode,
  hashShortCode,
  normalizeBackupCode,
} from '../../core/services/one-time-codes.js';
import { openSecret, sealSecret } from './secret-box.js';
import {
  TWO_FACTOR_OPTIONS,
  type ResolvedTwoFactorOptions,
} from '../options/two-factor-options.js';

export const BACKUP_CODE_COUNT = 10;
/** Codes of the previous and next 30-second step pass too (clock drift). */
const TOTP_TOLERANCE_SECONDS = 30;

export interface TotpEnrollment {
  secret: string;
  otpauthUri: string;
}

/** TOTP authenticators and backup codes: enrol, confirm (turns 2FA on), check a code, turn off. */
@Injectable()
export class TwoFactorService {
  private readonly secretKey: Buffer;
  private readonly backupKey: Buffer;

  constructor(
    @Inject(USER_OPTIONS) options: ResolvedUserOptions,
    @Inject(TWO_FACTOR_OPTIONS) private readonly twoFactorOptions: ResolvedTwoFactorOptions,
    private readonly twoFactor: TwoFactorRepository,
    private readonly users: UsersRepository,
    private readonly updates: UserUpdateService,
  ) {
    this.secretKey = deriveKey(options.tokenSecret, 'totp-secrets');
    this.backupKey = deriveKey(options.tokenSecret, 'backup-codes');
  }

  /** A new secret, pending until a code from it is confirmed; replaces an unconfirmed one. */
  async enroll(userId: string): Promise<TotpEnrollment> {
    const user = await this.load(userId);
    if (user.twoFactorEnabled) throw new UserKitException('TWO_FACTOR_ALREADY_ENABLED');
    const secret = generateSecret();
    if (!(await this.twoFactor.replacePending(user.id, sealSecret(this.secretKey, secret))))
      throw new UserKitException('TWO_FACTOR_ENROLLMENT_CONFLICT');
    const label = user.emailAddresses.getItems().find((email) => email.primary)?.email ?? user.id;
    const otpauthUri = generateURI({
      issuer: this.twoFactorOptions.issuer,
      label,
      secret,
    });
    return { secret, otpauthUri };
  }

  /** The first good code turns 2FA on; answers the backup codes, shown this once. */
  async confirm(userId: string, code: string): Promise<string[]> {
    const user = await this.load(userId);
    if (user.twoFactorEnabled) throw new UserKitException('TWO_FACTOR_ALREADY_ENABLED');
    const credential = await this.twoFactor.findCredential(user.id);
    if (!credential || credential.confirmedAt !== null)
      throw new UserKitException('TWO_FACTOR_NOT_ENROLLED');
    const step = await this.matchingStep(credential.encryptedSecret, code);
    if (step === null) throw new UserKitException('INVALID_TWO_FACTOR_CODE');
    const backupCodes = Array.from({ length: BACKUP_CODE_COUNT }, () => generateBackupCode());
    const hashes = backupCodes.map((backup) => this.hashBackupCode(user.id, backup));
    const enabled = await this.updates.twoFactorChangedBy(
      user.id,
      true,
      () => this.twoFactor.enable(user.id, credential.id, step, hashes),
      (done) => done,
    );
    if (!enabled) throw new UserKitException('INVALID_TWO_FACTOR_CODE');
    return backupCodes;
  }

  /** Turning 2FA off takes a current code (TOTP or backup). */
  async disable(userId: string, code: string): Promise<void> {
    const user = await this.load(userId);
    if (!user.twoFactorEnabled) throw new UserKitException('TWO_FACTOR_NOT_ENABLED');
    if (!(await this.checkSecondFactor(user.id, code)))
      throw new UserKitException('INVALID_TWO_FACTOR_CODE');
    await this.updates.twoFactorChangedBy(
      user.id,
      false,
      () => this.twoFactor.disable(user.id),
      (done) => done,
    );
  }

  /**
   * An admin's recovery of a user who lost the authenticator and the backup codes: 2FA off, its
   * rows gone, without a code. The same events as the user's own `disable` (the context names the
   * admin as the actor).
   */
  async reset(userId: string): Promise<void> {
    const user = await this.load(userId);
    if (!user.twoFactorEnabled) throw new UserKitException('TWO_FACTOR_NOT_ENABLED');
    await this.updates.twoFactorChangedBy(
      user.id,
      false,
      () => this.twoFactor.disable(user.id),
      (done) => done,
    );
  }

  /**
   * A TOTP code (6 digits; each time step accepted once) or an unused backup code (spent now).
   * True when it passed.
   */
  async checkSecondFactor(userId: string, code: string): Promise<boolean> {
    return (await this.matchSecondFactor(userId, code)) !== null;
  }

  /** As `checkSecondFactor`, telling which kind of code passed (null: none). */
  async matchSecondFactor(userId: string, code: string): Promise<'totp' | 'backup_code' | null> {
    const trimmed = code.trim();
    if (/^\d{6}$/.test(trimmed)) {
      const credential = await this.twoFactor.findCredential(userId);
      if (!credential || credential.confirmedAt === null) return null;
      const step = await this.matchingStep(credential.encryptedSecret, trimmed);
      return step !== null && (await this.twoFactor.useStep(credential.id, step)) ? 'totp' : null;
    }
    const normalized = normalizeBackupCode(trimmed);
    if (normalized.length !== 10) return null;
    const spent = await this.twoFactor.useBackupCode(
      userId,
      this.hashBackupCode(userId, normalized),
      new Date(),
    );
    if (!spent) return null;
    await this.updates.backupCodeUsed(userId);
    return 'backup_code';
  }

  private async load(userId: string): Promise<User> {
    const user = await this.users.findFullById(userId);
    if (!user) throw new UserKitException('USER_NOT_FOUND');
    return user;
  }

  private async matchingStep(encryptedSecret: string, code: string): Promise<number | null> {
    if (!/^\d{6}$/.test(code.trim())) return null;
    const result = await verify({
      secret: openSecret(this.secretKey, encryptedSecret),
      token: code.trim(),
      epochTolerance: TOTP_TOLERANCE_SECONDS,
    });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  }

  private hashBackupCode(userId: string, code: string): string {
    return hashShortCode(this.backupKey, userId, normalizeBackupCode(code));
  }
}
