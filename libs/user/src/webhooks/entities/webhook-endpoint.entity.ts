import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { newId } from '../../core/entities/new-id.js';

/**
 * Where events are POSTed. `eventTypes` is `*` (every event) or the names between commas
 * (`,user.created,user.deleted,`), so the outbox matches endpoints with one LIKE in SQL.
 */
@Entity({ tableName: 'userkit_webhook_endpoints' })
export class WebhookEndpoint {
  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = newId();

  @Property({ type: 'string', length: 2048 })
  url!: string;

  @Property({ type: 'string', length: 500, nullable: true })
  description: string | null = null;

  @Property({ type: 'text' })
  eventTypes!: string;

  /** Kept to sign (never shown again after it is made). */
  @Property({ type: 'string', length: 100 })
  secret!: string;

  /** The secret before the last rotation, still signing until `previousSecretExpiresAt`. */
  @Property({ type: 'string', length: 100, nullable: true })
  previousSecret: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  previousSecretExpiresAt: Date | null = null;

  /** Given in the module options: listed, changed only in code. */
  @Property({ type: 'boolean' })
  fromOptions: Opt<boolean> = false;

  @Property({ type: 'boolean' })
  enabled: Opt<boolean> = true;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime' })
  updatedAt: Opt<Date> = new Date();
}
