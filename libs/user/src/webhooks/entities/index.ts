import { WebhookDelivery } from './webhook-delivery.entity.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { WebhookMessage } from './webhook-message.entity.js';

export { WebhookDelivery, WebhookEndpoint, WebhookMessage };

/** The entities of UserWebhooksModule: add them to the host's MikroORM `entities`. */
export const WEBHOOKS_ENTITIES = [WebhookEndpoint, WebhookMessage, WebhookDelivery];
