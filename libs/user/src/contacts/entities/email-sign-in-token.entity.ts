import type { Opt, Rel } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { newId } from '../../core/entities/new-id.js';
import { User } from '../../core/entities/user.entity.js';

/**
 * `link`: a sign-in link (15 minutes); `sign_up_code`: a 6-digit code to an address no account
 * holds yet (10 minutes, 5 tries), which creates the account (`passwordless.signUp`).
 */
export type EmailSignInTokenKind = 'link' | 'sign_up_code';

/**
 * A sign-in link's token, or a sign-up code, mailed to an address: only a digest is stored (a
 * SHA-256 of the link's token, an HMAC of the code). Single use: a conditional update of `usedAt`
 * spends it for exactly one caller. A link for an existing user dies with the user (cascade).
 */
@Entity({ tableName: 'userkit_email_sign_in_tokens' })
export class EmailSignInToken {
  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = newId();

  @Property({ type: 'string', length: 16 })
  kind!: EmailSignInTokenKind;

  @Property({ type: 'string', length: 64 })
  @Unique({ name: 'userkit_email_sign_in_tokens_token_hash_unique' })
  tokenHash!: string;

  /** Lower-cased, as the address is looked up. */
  @Property({ type: 'string', length: 320, index: true })
  normalizedEmail!: string;

  /** As it was typed (where the message went, and the new account's address). */
  @Property({ type: 'string', length: 320 })
  email!: string;

  /** The account the link signs in to; null: none yet (sign-up). */
  @ManyToOne(() => User, { deleteRule: 'cascade', nullable: true, index: true })
  user: Rel<User> | null = null;

  /** Where the link's redirect goes (allow-listed when it was asked for). */
  @Property({ type: 'string', length: 2048, nullable: true })
  redirectUrl: string | null = null;

  /** The client's S256 challenge: the exchange then needs its verifier. */
  @Property({ type: 'string', length: 64, nullable: true })
  codeChallenge: string | null = null;

  /** Tries of a sign-up code so far (counted before the check). */
  @Property({ type: 'integer' })
  attempts: Opt<number> = 0;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  usedAt: Date | null = null;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();
}
