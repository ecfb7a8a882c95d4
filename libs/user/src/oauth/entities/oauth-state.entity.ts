import type { Opt, Rel } from '@mikro-orm/core';
import {
  Entity,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  Unique,
} from '@mikro-orm/decorators/legacy';
import { newId } from '../../core/entities/new-id.js';
import { User } from '../../core/entities/user.entity.js';

/**
 * One started OAuth round trip. Only digests are stored: of the `state` sent to the provider and
 * of the browser-binding cookie. Single use is a conditional update of `usedAt`.
 */
@Entity({ tableName: 'userkit_oauth_states' })
@Index({ name: 'userkit_oauth_states_browser_hash_idx', properties: ['browserHash'] })
export class OAuthState {
  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = newId();

  @Property({ type: 'string', length: 64 })
  @Unique({ name: 'userkit_oauth_states_state_hash_unique' })
  stateHash!: string;

  @Property({ type: 'string', length: 50 })
  provider!: string;

  @Property({ type: 'string', length: 64 })
  browserHash!: string;

  /** Checked against the allow-list when the flow started. */
  @Property({ type: 'string', length: 2048 })
  redirectUrl!: string;

  /** Set when a signed-in user links (or an anonymous user upgrades): the account goes to them. */
  @ManyToOne(() => User, { deleteRule: 'cascade', nullable: true, index: true })
  linkUser: Rel<User> | null = null;

  @Property({ type: 'string', length: 36, nullable: true })
  linkSessionId: string | null = null;

  /** The pending external account a link round trip verifies (or fails). */
  @Property({ type: 'string', length: 36, nullable: true })
  linkAccountId: string | null = null;

  /** The client's PKCE-style challenge (S256), when it started the flow with one. */
  @Property({ type: 'string', length: 64, nullable: true })
  codeChallenge: string | null = null;

  /** What a form-post provider sent besides the code (Apple's `user`, JSON), kept for the callback. */
  @Property({ type: 'text', nullable: true })
  callbackPayload: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  usedAt: Date | null = null;
}
