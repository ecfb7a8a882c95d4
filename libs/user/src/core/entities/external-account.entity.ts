import type { Rel, Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { newId } from './new-id.js';
import { User } from './user.entity.js';

export type ExternalVerificationStatus = 'verified' | 'unverified' | 'failed';

/** One sign-in identity at an OAuth provider; (provider, providerUserId) finds its user. */
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

  @Property({ type: 'string', length: 255 })
  providerUserId!: string;

  @Property({ type: 'string', length: 320, nullable: true })
  email: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  displayName: string | null = null;

  @Property({ type: 'string', length: 2048, nullable: true })
  picture: string | null = null;

  @Property({ type: 'string', length: 20 })
  verificationStatus: Opt<ExternalVerificationStatus> = 'unverified';

  @Property({ type: 'string', length: 500, nullable: true })
  verificationError: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();
}
