import { ApiProperty } from '@nestjs/swagger';
import type { UserKitEventName } from '../../core/events/user-kit-events.js';
import { WEBHOOK_EVENT_NAMES } from '../webhook-event-names.js';
import type { WebhookDeliveryStatus } from '../entities/webhook-delivery.entity.js';
import { DELIVERY_STATUSES } from './webhook-deliveries.query.js';

export class WebhookEndpointResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'https://hooks.example.com/userkit' }) url!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({
    enum: WEBHOOK_EVENT_NAMES,
    isArray: true,
    description: 'The events it receives; empty: every event',
  })
  events!: UserKitEventName[];
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ description: 'Set in the module options: listed here, changed only in code' })
  fromOptions!: boolean;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Until when the secret before the last rotation still signs (null: none does)',
  })
  previousSecretExpiresAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

/** Answered once, when the endpoint is made and when its secret is rotated. */
export class WebhookEndpointWithSecretResponse extends WebhookEndpointResponse {
  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description: 'The signing secret: shown only in this answer',
  })
  secret!: string;
}

export class WebhookDeliveryResponse {
  @ApiProperty({ description: 'The message id: the webhook-id header receivers deduplicate by' })
  id!: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_NAMES }) eventType!: string;
  @ApiProperty() userId!: string;
  @ApiProperty({
    enum: DELIVERY_STATUSES,
    description: 'pending (waiting or retrying), delivered, or failed (dead-lettered)',
  })
  status!: WebhookDeliveryStatus;
  @ApiProperty({ description: 'Attempts made (since the last manual retry)' }) attempts!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  nextAttemptAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastAttemptAt!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: "The last attempt's response status" })
  responseStatusCode!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: "The last attempt's duration (ms)" })
  durationMs!: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why the last attempt failed' })
  error!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  deliveredAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class WebhookDeliveryPageResponse {
  @ApiProperty({ type: [WebhookDeliveryResponse] }) data!: WebhookDeliveryResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page' })
  nextCursor!: string | null;
}
