import type { UserKitEventName } from '../../core/events/user-kit-events.js';
import type { WebhookEndpoint } from '../entities/webhook-endpoint.entity.js';
import type { DeliveryLogEntry } from '../repositories/webhook-deliveries.repository.js';
import type { WebhookDeliveryResponse, WebhookEndpointResponse } from './webhook.response.js';

/** `*` → every event (empty list); `,a,b,` → [a, b]. */
export function eventTypesOf(stored: string): UserKitEventName[] {
  return stored === '*' ? [] : (stored.split(',').filter(Boolean) as UserKitEventName[]);
}

/** The stored form `eventTypesOf` reads. */
export function storedEventTypes(events: readonly string[] | undefined): string {
  return events && events.length > 0 ? `,${[...new Set(events)].join(',')},` : '*';
}

export function mapWebhookEndpoint(endpoint: WebhookEndpoint, now: Date): WebhookEndpointResponse {
  const overlap =
    endpoint.previousSecret &&
    endpoint.previousSecretExpiresAt &&
    endpoint.previousSecretExpiresAt > now
      ? endpoint.previousSecretExpiresAt.toISOString()
      : null;
  return {
    id: endpoint.id,
    url: endpoint.url,
    description: endpoint.description,
    events: eventTypesOf(endpoint.eventTypes),
    enabled: endpoint.enabled,
    fromOptions: endpoint.fromOptions,
    previousSecretExpiresAt: overlap,
    createdAt: endpoint.createdAt.toISOString(),
    updatedAt: endpoint.updatedAt.toISOString(),
  };
}

export function mapWebhookDelivery(entry: DeliveryLogEntry): WebhookDeliveryResponse {
  return {
    id: entry.messageId,
    eventType: entry.eventType,
    userId: entry.userId,
    status: entry.status,
    attempts: entry.attempts,
    nextAttemptAt: entry.nextAttemptAt?.toISOString() ?? null,
    lastAttemptAt: entry.lastAttemptAt?.toISOString() ?? null,
    responseStatusCode: entry.lastStatusCode,
    durationMs: entry.lastDurationMs,
    error: entry.lastError,
    deliveredAt: entry.deliveredAt?.toISOString() ?? null,
    createdAt: entry.createdAt.toISOString(),
  };
}
