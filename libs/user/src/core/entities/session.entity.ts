import type { Rel, Opt } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { newId } from './new-id.js';
import { User } from './user.entity.js';

/** A signed-in device: one refresh token family. Access tokens carry its id (`sid`). */
@Entity({ tableName: 'userkit_sessions' })
@Index({ name: 'userkit_sessions_user_id_idx', properties: ['user'] })
export class Session {
  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = newId();

  @ManyToOne(() => User, { deleteRule: 'cascade', index: false })
  user!: Rel<User>;

  @Property({ type: 'string', length: 512, nullable: true })
  userAgent: string | null = null;

  @Property({ type: 'string', length: 64, nullable: true })
  ip: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();

  /** When the user last proved who they are (password, OAuth): for re-authentication windows. */
  @Property({ type: 'datetime' })
  authenticatedAt: Opt<Date> = new Date();

  @Property({ type: 'datetime' })
  lastUsedAt: Opt<Date> = new Date();

  /** Absolute end: refreshing never moves it. */
  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;

  @Property({ type: 'string', length: 50, nullable: true })
  revokedReason: string | null = null;

  /**
   * The admin acting as the user (POST /admin/users/:id/impersonate): the access tokens carry it
   * as the `act` claim and the events as their actor. Null: the user's own session.
   */
  @Property({ type: 'string', length: 36, nullable: true })
  impersonatorId: string | null = null;
}
