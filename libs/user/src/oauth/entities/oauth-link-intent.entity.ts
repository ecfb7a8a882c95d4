import type { Opt, Rel } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { newId } from '../../core/entities/new-id.js';
import { User } from '../../core/entities/user.entity.js';

/**
 * `POST /me/external-accounts` hands the browser a URL carrying this one-time intent (its SHA-256
 * is stored): opening it starts the provider round trip on behalf of the signed-in user.
 */
@Entity({ tableName: 'userkit_oauth_link_intents' })
export class OAuthLinkIntent {
  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = newId();

  @Property({ type: 'string', length: 64 })
  @Unique({ name: 'userkit_oauth_link_intents_token_hash_unique' })
  tokenHash!: string;

  @ManyToOne(() => User, { deleteRule: 'cascade', index: true })
  user!: Rel<User>;

  @Property({ type: 'string', length: 36 })
  sessionId!: string;

  @Property({ type: 'string', length: 50 })
  provider!: string;

  @Property({ type: 'string', length: 2048 })
  redirectUrl!: string;

  /** SHA-256 of the binding cookie given to the browser that asked: only it may open the URL. */
  @Property({ type: 'string', length: 64, nullable: true })
  browserHash: string | null = null;

  /** The pending external account this round trip verifies (stored when the link started). */
  @Property({ type: 'string', length: 36, nullable: true })
  externalAccountId: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  usedAt: Date | null = null;
}
