// The webhook routes of UserWebhooksModule the console calls (the client SDK has no admin
// webhook types: these mirror the answers documented at /docs).
import { client } from '../session.js';

export interface WebhookEndpoint {
  id: string;
  url: string;
  description: string | null;
  /** Empty: every event. */
  events: string[];
  enabled: boolean;
  fromOptions: boolean;
  previousSecretExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookDelivery {
  id: string;
  eventType: string;
  userId: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  responseStatusCode: number | null;
  durationMs: number | null;
  error: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

const endpoint = (id: string): string => `/admin/webhooks/${encodeURIComponent(id)}`;

export const webhooksApi = {
  list: (): Promise<WebhookEndpoint[]> => client.request('GET', '/admin/webhooks'),
  create: (body: {
    url: string;
    description?: string;
    events?: string[];
  }): Promise<WebhookEndpoint & { secret: string }> =>
    client.request('POST', '/admin/webhooks', body),
  update: (id: string, body: { enabled?: boolean }): Promise<WebhookEndpoint> =>
    client.request('PATCH', endpoint(id), body),
  rotateSecret: (id: string): Promise<WebhookEndpoint & { secret: string }> =>
    client.request('POST', `${endpoint(id)}/rotate-secret`, {}),
  remove: (id: string): Promise<void> => client.request('DELETE', endpoint(id)),
  deliveries: (id: string): Promise<{ data: WebhookDelivery[]; nextCursor: string | null }> =>
    client.request('GET', `${endpoint(id)}/deliveries?limit=50`),
  retry: (id: string, deliveryId: string): Promise<WebhookDelivery> =>
    client.request(
      'POST',
      `${endpoint(id)}/deliveries/${encodeURIComponent(deliveryId)}/retry`,
      {},
    ),
};
