import type { Rel, Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { newId } from './new-id.js';
import { User } from './user.entity.js';

/** What is stored; `expired` is read off an `unverified` account past its expiry (user views). */
export type ExternalVerificationStatus = 'verified' | 'unverified' | 'failed';

/**
 * One sign-in identity at an OAuth provider; (provider, providerUserId) finds its user. A link
 * stores it pending (`unverified`, no providerUserId yet, `verificationExpiresAt`) until the round
 * trip verifies it, or keeps it `failed` with an error: only verified accounts sign anyone in.
 */
@Entity({ tableName: 'userkit_external_accounts' })
@Unique({
  name: 'userkit_external_accounts_provider_user_unique',
  properties: ['provider', 'providerUserId'],
})
export class ExternalAccount {
  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = newId();

  @ManyToOne(() => User, { deleteRule: 'cascade', index: true })
  user!: Rel<User>;

  @Property({ type: 'string', length: 50 })
  provider!: string;

  @Property({ type: 'string', length: 255, nullable: true })
  providerUserId: string | null = null;

  @Property({ type: 'string', length: 320, nullable: true })
  email: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  displayName: string | null = null;

  @Property({ type: 'string', length: 2048, nullable: true })
  picture: string | null = null;

  @Property({ type: 'string', length: 20 })
  verificationStatus: Opt<ExternalVerificationStatus> = 'unverified';

  /** The error's message; its stable code is `verificationErrorCode`. */
  @Property({ type: 'string', length: 500, nullable: true })
  verificationError: string | null = null;

  @Property({ type: 'string', length: 64, nullable: true })
  verificationErrorCode: string | null = null;

  /** Until when a pending (`unverified`) account may still be verified. */
  @Property({ type: 'datetime', nullable: true })
  verificationExpiresAt: Date | null = null;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();
}
