import type { Opt, Rel } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { newId } from './new-id.js';
import { User } from './user.entity.js';

/** A password reset link's token: SHA-256 only, single use, valid one hour. */
@Entity({ tableName: 'userkit_password_reset_tokens' })
export class PasswordResetToken {
  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = newId();

  @ManyToOne(() => User, { deleteRule: 'cascade', index: true })
  user!: Rel<User>;

  @Property({ type: 'string', length: 64 })
  @Unique({ name: 'userkit_password_reset_tokens_token_hash_unique' })
  tokenHash!: string;

  /** The address the link was sent to: using the link proves it (and verifies it). */
  @Property({ type: 'string', length: 36, nullable: true })
  emailAddressId: string | null = null;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  usedAt: Date | null = null;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();
}
