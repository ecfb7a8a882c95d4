import { PrimaryKeyProp } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** `pending` (waiting, retrying or in flight under a lease), `delivered`, or `failed` (dead-lettered). */
export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

/**
 * One message for one endpoint: its state, and the last attempt for the delivery log. A worker
 * holds it while it sends under a lease (`leaseOwner` until `leaseExpiresAt`): another instance
 * takes it over once the lease has run out (its holder died).
 */
@Entity({ tableName: 'userkit_webhook_deliveries' })
export class WebhookDelivery {
  [PrimaryKeyProp]?: ['endpointId', 'messageId'];

  @PrimaryKey({ type: 'string', length: 36 })
  endpointId!: string;

  @PrimaryKey({ type: 'string', length: 36 })
  messageId!: string;

  @Property({ type: 'string', length: 36 })
  userId!: string;

  @Property({ type: 'string', length: 16 })
  status!: WebhookDeliveryStatus;

  @Property({ type: 'integer' })
  attempts!: number;

  @Property({ type: 'datetime' })
  nextAttemptAt!: Date;

  @Property({ type: 'string', length: 100, nullable: true })
  leaseOwner!: string | null;

  @Property({ type: 'datetime', nullable: true })
  leaseExpiresAt!: Date | null;

  @Property({ type: 'datetime', nullable: true })
  lastAttemptAt!: Date | null;

  @Property({ type: 'integer', nullable: true })
  lastStatusCode!: number | null;

  @Property({ type: 'integer', nullable: true })
  lastDurationMs!: number | null;

  @Property({ type: 'string', length: 200, nullable: true })
  lastError!: string | null;

  @Property({ type: 'datetime', nullable: true })
  deliveredAt!: Date | null;

  @Property({ type: 'datetime' })
  createdAt!: Date;
}
