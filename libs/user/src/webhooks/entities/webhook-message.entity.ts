import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * One event in the outbox, written in the transaction of the change it reports. `body` is the
 * exact JSON sent (`{ type, timestamp, data }`), so every attempt signs the same bytes; its id is
 * the `webhook-id` receivers deduplicate by.
 */
@Entity({ tableName: 'userkit_webhook_messages' })
export class WebhookMessage {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 64 })
  eventType!: string;

  /** The user the event is about: deliveries of one user's events go out in order. */
  @Property({ type: 'string', length: 36 })
  userId!: string;

  @Property({ type: 'text' })
  body!: string;

  @Property({ type: 'datetime', index: 'userkit_webhook_messages_created_at_index' })
  createdAt!: Date;
}
