// `@userkit/user/webhooks`: signed webhooks (Standard Webhooks) from a transactional outbox.
export { UserWebhooksModule } from './user-webhooks.module.js';
export {
  WEBHOOKS_MODULE_OPTIONS,
  WEBHOOKS_OPTIONS_TYPE,
  WEBHOOKS_ASYNC_OPTIONS_TYPE,
} from './webhooks.module-definition.js';
export {
  DEFAULT_RETRY_SCHEDULE_SECONDS,
  type UserWebhooksModuleOptions,
  type WebhookEndpointOptions,
} from './options/webhooks-options.js';
export {
  WEBHOOKS_ENTITIES,
  WebhookEndpoint,
  WebhookMessage,
  WebhookDelivery,
} from './entities/index.js';
export type { WebhookDeliveryStatus } from './entities/webhook-delivery.entity.js';
export { WEBHOOKS_MIGRATIONS } from './migrations/index.js';
export { WebhookEndpointsService } from './services/webhook-endpoints.service.js';
export { newWebhookSecret } from './delivery/webhook-signature.js';
