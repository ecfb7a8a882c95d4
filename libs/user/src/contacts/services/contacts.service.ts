import { Inject, Injectable, Logger } from '@nestjs/common';
import type { IdentifierVerification } from '../../core/extension-points/identifier-verification.js';
import { logValue } from '../../core/messages/log-value.js';
import type { User } from '../../core/entities/user.entity.js';
import { UserKitException } from '../../core/errors/user-kit.exception.js';
import type { ResolvedUserOptions } from '../../core/options/resolved-options.js';
import {
  ContactsRepository,
  type ContactKind,
  type ContactRecord,
} from '../repositories/contacts.repository.js';
import { newId } from '../../core/entities/new-id.js';
import { USER_OPTIONS } from '../../core/tokens.js';
import { normalizeEmail } from '../../core/validation/email.js';
import { toE164 } from '../../core/validation/phone-number.js';
import { isResourceId } from '../../core/validation/resource-id.js';
import { RateLimitStorage } from '../../core/extension-points/rate-limit-storage.js';
import {
  MessageDeliveryService,
  recipientOf,
} from '../../core/services/message-delivery.service.js';
import { countMessageToSend, MAX_PHONE_NUMBERS_PER_ACCOUNT } from './message-send-limits.js';
import {
  deriveKey,
  generateNumericCode,
  hashShortCode,
  sameDigest,
} from '../../core/services/one-time-codes.js';
import { SignInMethodsService } from '../../core/services/sign-in-methods.service.js';
import { UserUpdateService } from '../../core/services/user-update.service.js';

/** Verification codes live ten minutes. */
export const VERIFICATION_CODE_TTL_MS = 10 * 60 * 1000;

/** What `user.updated` names when an identifier of this kind is added, verified, made primary or removed. */
const CHANGED = { email: 'emailAddresses', phone: 'phoneNumbers' } as const;

const ERRORS = {
  email: { notFound: 'EMAIL_ADDRESS_NOT_FOUND', taken: 'EMAIL_TAKEN' },
  phone: { notFound: 'PHONE_NUMBER_NOT_FOUND', taken: 'PHONE_TAKEN' },
} as const;

/**
 * A user's email addresses and phone numbers: add (a code is sent), verify with the code, resend,
 * make primary, remove. Emails and phones follow the same rules; `kind` says which one.
 */
@Injectable()
export class ContactsService implements IdentifierVerification {
  private readonly codeKey: Buffer;
  private readonly logger = new Logger('UserKit');

  constructor(
    @Inject(USER_OPTIONS) options: ResolvedUserOptions,
    private readonly contacts: ContactsRepository,
    private readonly delivery: MessageDeliveryService,
    private readonly signInMethods: SignInMethodsService,
    @Inject(RateLimitStorage) private readonly rateLimitStorage: RateLimitStorage,
    private readonly updates: UserUpdateService,
  ) {
    this.codeKey = deriveKey(options.tokenSecret, 'verification-codes');
  }

  async add(kind: ContactKind, user: User, input: string): Promise<ContactRecord> {
    // The email of an anonymous user comes with its password, through the upgrade.
    if (kind === 'email' && user.isAnonymous) throw new UserKitException('ANONYMOUS_EMAIL');
    const value = kind === 'email' ? input.trim() : toE164(input);
    if (value === null) throw new UserKitException('INVALID_PHONE_NUMBER');
    const normalized = kind === 'email' ? normalizeEmail(value) : value;
    const added = await this.contacts.add(
      kind,
      user.id,
      value,
      normalized,
      kind === 'phone' ? MAX_PHONE_NUMBERS_PER_ACCOUNT : undefined,
    );
    if (added === 'taken') throw new UserKitException(ERRORS[kind].taken);
    if (added === 'too_many') throw new UserKitException('PHONE_NUMBER_LIMIT');
    // Counted only once a message will really go: a refused add spends no one's quota. Over the
    // limit, the new identifier goes again, so a 429 leaves nothing behind.
    try {
      await countMessageToSend(this.rateLimitStorage, user.id, normalized);
    } catch (error) {
      await this.contacts.remove(kind, user.id, added.id, () => undefined);
      throw error;
    }
    // It stays now, whether or not the code gets out (a resend can follow).
    await this.updates.identifierChanged(kind, 'added', {
      userId: user.id,
      identifierId: added.id,
      value: added.value,
    });
    await this.sendCode(kind, user, added);
    return added;
  }

  /**
   * The core's IdentifierVerification: the codes of what the user gave at sign-up (or at the
   * upgrade of an anonymous user), each counted against its recipient's hourly limit (the
   * account's own is for what the user adds later: the sign-up's rate limit bounds new accounts). One that
   * cannot go (over a limit, a store or sender failure) is logged: the account stands, and the
   * user asks again with resend.
   */
  async sendCodesFor(user: User): Promise<void> {
    const record = (
      row: { id: string; verified: boolean; primary: boolean },
      value: string,
    ): ContactRecord => ({
      id: row.id,
      userId: user.id,
      value,
      verified: row.verified,
      primary: row.primary,
    });
    const unverified = [
      ...user.emailAddresses
        .getItems()
        .map((email) => ['email', record(email, email.email)] as const),
      ...user.phoneNumbers
        .getItems()
        .map((phone) => ['phone', record(phone, phone.phoneNumber)] as const),
    ].filter(([, contact]) => !contact.verified);
    for (const [kind, contact] of unverified) {
      try {
        await countMessageToSend(
          this.rateLimitStorage,
          null,
          kind === 'email' ? normalizeEmail(contact.value) : contact.value,
        );
        await this.sendCode(kind, user, contact);
      } catch (error) {
        this.logger.warn(
          `No ${kind} verification code sent to user ${user.id}: ${logValue(error)}`,
        );
      }
    }
  }

  async resend(kind: ContactKind, user: User, id: string): Promise<void> {
    const contact = await this.owned(kind, user.id, id);
    if (contact.verified) throw new UserKitException('ALREADY_VERIFIED');
    await countMessageToSend(
      this.rateLimitStorage,
      user.id,
      kind === 'email' ? normalizeEmail(contact.value) : contact.value,
    );
    await this.sendCode(kind, user, contact);
  }

  async verify(
    kind: ContactKind,
    userId: string,
    id: string,
    code: string,
  ): Promise<ContactRecord> {
    const contact = await this.owned(kind, userId, id);
    if (contact.verified) throw new UserKitException('ALREADY_VERIFIED');
    const outcome = await this.updates.identifierChangedBy(
      kind,
      'verified',
      () =>
        this.contacts.redeemCode(kind, id, new Date(), (codeId, codeHash) =>
          sameDigest(hashShortCode(this.codeKey, codeId, code), codeHash),
        ),
      (done) =>
        done === 'verified' ? { userId, identifierId: contact.id, value: contact.value } : null,
    );
    if (outcome === 'exhausted' || outcome === 'no_code')
      throw new UserKitException('VERIFICATION_CODE_EXHAUSTED');
    if (outcome === 'wrong_code') throw new UserKitException('INVALID_VERIFICATION_CODE');
    if (outcome === 'taken') throw new UserKitException(ERRORS[kind].taken);
    return { ...contact, verified: true };
  }

  async makePrimary(kind: ContactKind, userId: string, id: string): Promise<ContactRecord> {
    const contact = await this.owned(kind, userId, id);
    if (!contact.verified) throw new UserKitException('PRIMARY_MUST_BE_VERIFIED');
    const outcome = await this.updates.changedBy(
      userId,
      () => this.contacts.setPrimary(kind, userId, id),
      (done) => (done === 'moved' ? [CHANGED[kind]] : []),
    );
    if (outcome === 'not_verified') throw new UserKitException('PRIMARY_MUST_BE_VERIFIED');
    return { ...contact, primary: true };
  }

  /**
   * Not the primary while another one exists; not the last way to sign in (an email, or a
   * verified number where the app signs in by phone).
   */
  async remove(kind: ContactKind, userId: string, id: string): Promise<void> {
    if (!isResourceId(id)) throw new UserKitException(ERRORS[kind].notFound);
    const removed = await this.updates.identifierChangedBy(
      kind,
      'removed',
      () =>
        this.contacts.remove(kind, userId, id, (target, siblings, counts) => {
          if (target.primary && siblings.length > 1)
            throw new UserKitException('PRIMARY_NOT_REMOVABLE');
          if (kind === 'email') this.signInMethods.assertRemovable(counts, { emailAddress: true });
          else if (target.verified)
            this.signInMethods.assertRemovable(counts, { verifiedPhoneNumber: true });
        }),
      (done) => done && { userId, identifierId: done.id, value: done.value },
    );
    if (!removed) throw new UserKitException(ERRORS[kind].notFound);
  }

  private async owned(kind: ContactKind, userId: string, id: string): Promise<ContactRecord> {
    if (!isResourceId(id)) throw new UserKitException(ERRORS[kind].notFound);
    const contact = await this.contacts.findOwned(kind, userId, id);
    if (!contact) throw new UserKitException(ERRORS[kind].notFound);
    return contact;
  }

  /** Stores the code's HMAC (replacing an older code), then sends it once that is committed. */
  private async sendCode(kind: ContactKind, user: User, contact: ContactRecord): Promise<void> {
    const code = generateNumericCode(6);
    const codeId = newId();
    const expiresAt = new Date(Date.now() + VERIFICATION_CODE_TTL_MS);
    await this.contacts.replaceCode(
      kind,
      user.id,
      contact.id,
      codeId,
      hashShortCode(this.codeKey, codeId, code),
      expiresAt,
    );
    const recipient = recipientOf(user);
    if (kind === 'email') {
      await this.delivery.deliver('sendEmailVerificationCode', {
        user: recipient,
        email: contact.value,
        code,
        expiresAt,
      });
    } else {
      await this.delivery.deliver('sendPhoneVerificationCode', {
        user: recipient,
        phoneNumber: contact.value,
        code,
        expiresAt,
      });
    }
  }
}
