import type { Rel, Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { newId } from './new-id.js';
import { Session } from './session.entity.js';

/**
 * One issued refresh token of a session, kept after use so that a replay of a rotated token is
 * recognised (and revokes the session). Only the SHA-256 of the token is stored.
 */
@Entity({ tableName: 'userkit_refresh_tokens' })
export class RefreshToken {
  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = newId();

  @ManyToOne(() => Session, { deleteRule: 'cascade', index: true })
  session!: Rel<Session>;

  @Property({ type: 'string', length: 64 })
  @Unique({ name: 'userkit_refresh_tokens_token_hash_unique' })
  tokenHash!: string;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', nullable: true })
  usedAt: Date | null = null;
}
