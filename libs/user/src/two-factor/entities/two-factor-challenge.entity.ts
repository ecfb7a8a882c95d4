import type { Opt, Rel } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { newId } from '../../core/entities/new-id.js';
import { User } from '../../core/entities/user.entity.js';
import type { FirstFactor } from '../../core/extension-points/second-factor.js';

/**
 * Handed out by a password or provider sign-in when two-factor is on: single use, five minutes, a few tries.
 * In the database so that any app instance can complete it; only the SHA-256 is stored.
 */
@Entity({ tableName: 'userkit_two_factor_challenges' })
export class TwoFactorChallenge {
  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = newId();

  @ManyToOne(() => User, { deleteRule: 'cascade', index: true })
  user!: Rel<User>;

  @Property({ type: 'string', length: 64 })
  @Unique({ name: 'userkit_two_factor_challenges_token_hash_unique' })
  tokenHash!: string;

  /** A provider's challenge is not refused by the password lock (strangers can turn it on). */
  @Property({ type: 'string', length: 16, default: 'password' })
  firstFactor: Opt<FirstFactor> = 'password';

  @Property({ type: 'integer' })
  attempts: Opt<number> = 0;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  usedAt: Date | null = null;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();
}
