import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { newId } from '../../core/entities/new-id.js';

/**
 * One security event. No foreign keys: the trail outlives the users, sessions and admins it
 * names (a deleted user's history is what an audit asks about).
 */
@Entity({ tableName: 'userkit_audit_log' })
export class AuditLogEntry {
  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = newId();

  /** Millisecond precision, as the cursor carries it. */
  @Property({ type: 'datetime', length: 3 })
  createdAt: Opt<Date> = new Date();

  /** `sign_in.failed`, `user.banned`, ... (AUDIT_LOG_TYPES, or a host's own). */
  @Property({ type: 'string', length: 64 })
  type!: string;

  /** The user the event is about; null when there is none (a sign-in with an unknown email). */
  @Property({ type: 'string', length: 36, nullable: true })
  userId: string | null = null;

  /** Who did it: the user themselves, an admin, or null (unknown: a failed sign-in). */
  @Property({ type: 'string', length: 36, nullable: true })
  actorId: string | null = null;

  @Property({ type: 'string', length: 36, nullable: true })
  sessionId: string | null = null;

  @Property({ type: 'string', length: 64, nullable: true })
  ip: string | null = null;

  @Property({ type: 'string', length: 512, nullable: true })
  userAgent: string | null = null;

  /** A small JSON object: the method, the reason, the route... (at most 2 KiB). */
  @Property({ type: 'json' })
  details: Opt<Record<string, unknown>> = {};
}
