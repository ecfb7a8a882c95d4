import type { Opt, Rel } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { newId } from '../../core/entities/new-id.js';
import { User } from '../../core/entities/user.entity.js';
import type { ExchangedSignIn } from '../../core/extension-points/sign-in-exchange.js';

/**
 * The one-time code the OAuth callback puts in the redirect (60 s, single use, SHA-256 stored):
 * `POST /auth/oauth/exchange` turns it into tokens, so tokens never travel in a URL.
 */
@Entity({ tableName: 'userkit_oauth_exchange_codes' })
export class OAuthExchangeCode {
  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = newId();

  @Property({ type: 'string', length: 64 })
  @Unique({ name: 'userkit_oauth_exchange_codes_code_hash_unique' })
  codeHash!: string;

  @ManyToOne(() => User, { deleteRule: 'cascade', index: true })
  user!: Rel<User>;

  /** The provider of the round trip (its two-factor setting applies at the exchange). */
  @Property({ type: 'string', length: 50, nullable: true })
  provider: string | null = null;

  /** `oauth`, or the feature that issued the code from its own redirect (`email_link`). */
  @Property({ type: 'string', length: 16, default: 'oauth' })
  signInMethod: Opt<'oauth' | ExchangedSignIn> = 'oauth';

  /** Digest of the binding cookie of the browser that started the flow. */
  @Property({ type: 'string', length: 64, nullable: true })
  browserHash: string | null = null;

  /** The client's challenge from the start: its verifier redeems the code without the cookie. */
  @Property({ type: 'string', length: 64, nullable: true })
  codeChallenge: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  usedAt: Date | null = null;
}
