import { EntityManager, raw, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { EmailAddress } from '../../core/entities/email-address.entity.js';
import { PhoneNumber } from '../../core/entities/phone-number.entity.js';
import { User } from '../../core/entities/user.entity.js';
import { VerificationCode } from '../entities/verification-code.entity.js';
import {
  emailHeldByAnother,
  releaseUnverifiedClaims,
} from '../../core/repositories/email-claims.js';
import {
  countSignInMethods,
  type SignInMethodCounts,
} from '../../core/repositories/sign-in-method-counts.js';
import { PreparedWrite } from '../../core/sql/prepared-write.js';
import { lockUserRow } from '../../core/sql/user-row-lock.js';
import { UserFeatureListeners } from '../../core/services/user-feature-listeners.js';

/** Email addresses and phone numbers behave alike; this says which table a call is about. */
export type ContactKind = 'email' | 'phone';

/** One identifier row as the services see it, whatever its kind. */
export interface ContactRecord {
  id: string;
  userId: string;
  value: string;
  verified: boolean;
  primary: boolean;
}

export type CodeRedemption = 'verified' | 'wrong_code' | 'exhausted' | 'no_code' | 'taken';

export const MAX_CODE_ATTEMPTS = 5;

/**
 * Counts a try at a code before it is compared (one conditional update, so parallel guesses
 * cannot pass the limit); false when the code is spent, expired or out of tries.
 */
export async function countCodeAttempt(
  em: EntityManager,
  codeId: string,
  now: Date,
): Promise<boolean> {
  const counted = await em.nativeUpdate(
    VerificationCode,
    { id: codeId, consumedAt: null, attempts: { $lt: MAX_CODE_ATTEMPTS }, expiresAt: { $gt: now } },
    { attempts: raw('attempts + 1') },
  );
  return counted === 1;
}

class Refused extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

function toRecord(row: EmailAddress | PhoneNumber): ContactRecord {
  return {
    id: row.id,
    userId: row.user.id,
    value: row instanceof PhoneNumber ? row.phoneNumber : row.email,
    verified: row.verified,
    primary: row.primary,
  };
}

/**
 * The table of a kind. Typed as EmailAddress for the queries: they only touch the columns both
 * tables share (id, user, verified, primary).
 */
function entityOf(kind: ContactKind): typeof EmailAddress {
  return kind === 'email' ? EmailAddress : (PhoneNumber as unknown as typeof EmailAddress);
}

function codeTarget(
  kind: ContactKind,
  id: string,
): { emailAddress: string } | { phoneNumber: string } {
  return kind === 'email' ? { emailAddress: id } : { phoneNumber: id };
}

/** Deletes the target's verification code and inserts the new one (see `replaceCode`). */
function replaceCodeWrite(kind: ContactKind): PreparedWrite {
  const column = kind === 'email' ? 'email_address_id' : 'phone_number_id';
  const remove = `delete from "userkit_verification_codes" where "${column}" = ? and "purpose" = 'verify'`;
  const insert =
    'insert into "userkit_verification_codes" ("id", "user_id", "email_address_id", "phone_number_id", "purpose", "code_hash", "attempts", "expires_at", "consumed_at", "created_at") ' +
    "values (?, ?, ?, ?, 'verify', ?, 0, ?, null, ?)";
  return new PreparedWrite(`userkit_replace_${kind}_code`, `with d as (${remove}) ${insert}`, [
    remove,
    insert,
  ]);
}

/** The user's email addresses and phone numbers, and the codes that verify them. */
@Injectable()
export class ContactsRepository {
  private readonly codeWrites: Partial<Record<ContactKind, PreparedWrite>> = {};

  constructor(
    private readonly em: EntityManager,
    private readonly features: UserFeatureListeners,
  ) {}

  /**
   * Adds an unverified identifier (primary when the user has none of this kind). An email another
   * user holds (verified or primary) is 'taken'; one merely claimed by others is not. The unique
   * index on the normalised value decides the rest: 'taken'.
   */
  async add(
    kind: ContactKind,
    userId: string,
    value: string,
    normalized: string,
    maxPerUser: number = Number.POSITIVE_INFINITY,
  ): Promise<ContactRecord | 'taken' | 'too_many'> {
    try {
      return await this.em.transactional(async (em) => {
        await lockUserRow(em, userId);
        const entity = entityOf(kind);
        // Taken: held by someone else (verified or primary), or already on this user.
        if (
          kind === 'email' &&
          ((await emailHeldByAnother(em, normalized, userId)) ||
            (await em.count(EmailAddress, { user: userId, normalizedEmail: normalized })) > 0)
        )
          throw new Refused('taken');
        // Counted under the user's lock: parallel adds cannot pass the cap together.
        if ((await em.count(entity, { user: userId })) >= maxPerUser) return 'too_many' as const;
        const hasPrimary = (await em.count(entity, { user: userId, primary: true })) > 0;
        const row =
          kind === 'email'
            ? em.create(EmailAddress, {
                user: em.getReference(User, userId),
                email: value,
                normalizedEmail: normalized,
                primary: !hasPrimary,
              })
            : em.create(PhoneNumber, {
                user: em.getReference(User, userId),
                phoneNumber: normalized,
                primary: !hasPrimary,
              });
        await em.flush();
        return toRecord(row);
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException || error instanceof Refused)
        return 'taken';
      throw error;
    }
  }

  async findOwned(kind: ContactKind, userId: string, id: string): Promise<ContactRecord | null> {
    const row = await this.em.findOne(entityOf(kind), { id, user: userId }, { refresh: true });
    return row ? toRecord(row) : null;
  }

  /**
   * A resend replaces the previous code: only the newest one can verify. One round trip on
   * PostgreSQL (sign-up sends a code: no transaction of its own on that path).
   */
  async replaceCode(
    kind: ContactKind,
    userId: string,
    targetId: string,
    codeId: string,
    codeHash: string,
    expiresAt: Date,
  ): Promise<void> {
    const platform = this.em.getPlatform();
    const write = (this.codeWrites[kind] ??= replaceCodeWrite(kind));
    await write.run(this.em, [
      [targetId],
      [
        codeId,
        userId,
        kind === 'email' ? targetId : null,
        kind === 'phone' ? targetId : null,
        codeHash,
        platform.processDateProperty(expiresAt),
        platform.processDateProperty(new Date()),
      ],
    ]);
  }

  /**
   * A try is counted before the code is compared (so parallel guesses cannot exceed the limit),
   * and the code is consumed by a conditional update together with marking the identifier
   * verified: of many parallel redemptions exactly one succeeds.
   */
  async redeemCode(
    kind: ContactKind,
    targetId: string,
    now: Date,
    matches: (codeId: string, codeHash: string) => boolean,
  ): Promise<CodeRedemption> {
    const code = await this.em.findOne(
      VerificationCode,
      { ...codeTarget(kind, targetId), purpose: 'verify', consumedAt: null },
      { refresh: true, orderBy: { createdAt: 'desc' } },
    );
    if (!code) return 'no_code';
    if (!(await countCodeAttempt(this.em, code.id, now)))
      return code.consumedAt === null && code.attempts < MAX_CODE_ATTEMPTS && code.expiresAt > now
        ? 'wrong_code'
        : 'exhausted';
    if (!matches(code.id, code.codeHash)) return 'wrong_code';
    try {
      return await this.em.transactional(async (em) => {
        const consumed = await em.nativeUpdate(
          VerificationCode,
          { id: code.id, consumedAt: null },
          { consumedAt: now },
        );
        if (consumed !== 1) return 'wrong_code' as const;
        // The partial unique index refuses a second verified holder: 'taken', rolled back.
        await em.nativeUpdate(entityOf(kind), { id: targetId }, { verified: true });
        if (kind === 'email') {
          const row = await em.findOneOrFail(EmailAddress, { id: targetId }, { refresh: true });
          await releaseUnverifiedClaims(em, row.normalizedEmail, row.user.id);
        }
        return 'verified' as const;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) return 'taken';
      throw error;
    }
  }

  /**
   * Moves the primary mark to a verified identifier: 'moved', 'already' when it had it (nothing
   * written), 'not_verified' when it is not (or no longer) verified.
   */
  async setPrimary(
    kind: ContactKind,
    userId: string,
    id: string,
  ): Promise<'moved' | 'already' | 'not_verified'> {
    return this.em
      .transactional(async (em) => {
        await lockUserRow(em, userId);
        const entity = entityOf(kind);
        if ((await em.count(entity, { id, user: userId, verified: true, primary: true })) === 1)
          return 'already' as const;
        // The partial unique index allows one primary per user: clear the old mark first.
        await em.nativeUpdate(entity, { user: userId, primary: true }, { primary: false });
        const changed = await em.nativeUpdate(
          entity,
          { id, user: userId, verified: true },
          { primary: true },
        );
        if (changed !== 1) throw new Refused('not_verified');
        return 'moved' as const;
      })
      .catch((error: unknown) => {
        if (error instanceof Refused) return 'not_verified' as const;
        throw error;
      });
  }

  /**
   * Removes an identifier after `check` approves, all in one transaction under the user's lock.
   * `check` sees the identifiers of this kind and the sign-in method counts; it throws to refuse.
   */
  async remove(
    kind: ContactKind,
    userId: string,
    id: string,
    check: (target: ContactRecord, siblings: ContactRecord[], counts: SignInMethodCounts) => void,
  ): Promise<ContactRecord | null> {
    return this.em.transactional(async (em) => {
      await lockUserRow(em, userId);
      const rows = (await em.find(entityOf(kind), { user: userId }, { refresh: true })).map(
        toRecord,
      );
      const target = rows.find((row) => row.id === id);
      if (!target) return null;
      check(target, rows, await countSignInMethods(em, userId, this.features));
      await em.nativeDelete(entityOf(kind), { id, user: userId });
      return target;
    });
  }

  /** A reclaimed account's pending codes go with what the unproven owner added (same transaction). */
  async deleteCodesOf(em: EntityManager, userId: string): Promise<void> {
    await em.nativeDelete(VerificationCode, { user: userId });
  }
}
