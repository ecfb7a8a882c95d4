import type { Opt, Rel } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { newId } from './new-id.js';
import { User } from './user.entity.js';

/**
 * Handed out by a password sign-in when two-factor is on: single use, five minutes, a few tries.
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

  @Property({ type: 'integer' })
  attempts: Opt<number> = 0;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  usedAt: Date | null = null;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();
}
