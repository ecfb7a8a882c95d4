import type { Opt, Rel } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { newId } from '../../core/entities/new-id.js';
import { User } from '../../core/entities/user.entity.js';

export type PasskeyChallengePurpose = 'registration' | 'authentication';

/**
 * A WebAuthn challenge handed out with the options: single use (deleted when a response names
 * it), five minutes. In the database so that any instance can finish the ceremony; only the
 * SHA-256 of the challenge is stored.
 */
@Entity({ tableName: 'userkit_passkey_challenges' })
export class PasskeyChallenge {
  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = newId();

  @Property({ type: 'string', length: 64 })
  @Unique({ name: 'userkit_passkey_challenges_token_hash_unique' })
  tokenHash!: string;

  @Property({ type: 'string', length: 16 })
  purpose!: PasskeyChallengePurpose;

  /** The signed-in user a registration is for; null for a sign-in (the passkey names the user). */
  @ManyToOne(() => User, { deleteRule: 'cascade', nullable: true, index: true })
  user: Rel<User> | null = null;

  @Property({ type: 'datetime', index: 'userkit_passkey_challenges_expires_at_index' })
  expiresAt!: Date;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();
}
