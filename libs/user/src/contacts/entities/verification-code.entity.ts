import type { Opt, Rel } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { EmailAddress } from '../../core/entities/email-address.entity.js';
import { newId } from '../../core/entities/new-id.js';
import { PhoneNumber } from '../../core/entities/phone-number.entity.js';
import { User } from '../../core/entities/user.entity.js';

/** What a code is for: proving an address or number, or signing in with a verified number. */
export type VerificationCodePurpose = 'verify' | 'sign_in';

/**
 * A 6-digit code sent to an email address or a phone number to prove it belongs to the user, or
 * (purpose `sign_in`) sent to a verified number to sign in with. Only an HMAC of the code is
 * stored, under a key of its own per purpose; it dies with its address (cascade).
 */
@Entity({ tableName: 'userkit_verification_codes' })
export class VerificationCode {
  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = newId();

  @ManyToOne(() => User, { deleteRule: 'cascade', index: true })
  user!: Rel<User>;

  @ManyToOne(() => EmailAddress, { deleteRule: 'cascade', nullable: true, index: true })
  emailAddress: Rel<EmailAddress> | null = null;

  @ManyToOne(() => PhoneNumber, { deleteRule: 'cascade', nullable: true, index: true })
  phoneNumber: Rel<PhoneNumber> | null = null;

  @Property({ type: 'string', length: 64 })
  codeHash!: string;

  @Property({ type: 'string', length: 16, default: 'verify' })
  purpose: Opt<VerificationCodePurpose> = 'verify';

  /** Submissions counted so far (a try is counted before it is checked). */
  @Property({ type: 'integer' })
  attempts: Opt<number> = 0;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  consumedAt: Date | null = null;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();
}
