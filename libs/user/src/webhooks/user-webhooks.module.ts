import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module, type DynamicModule } from '@nestjs/common';
import { AdminWebhooksController } from './controllers/admin-webhooks.controller.js';
import { WebhookDeliveryWorker } from './delivery/webhook-delivery.worker.js';
import { WEBHOOKS_ENTITIES } from './entities/index.js';
import {
  resolveWebhooksOptions,
  WEBHOOKS_OPTIONS,
  type UserWebhooksModuleOptions,
} from './options/webhooks-options.js';
import { WebhookOutboxSink } from './outbox/webhook-outbox.sink.js';
import { WebhookDeliveriesRepository } from './repositories/webhook-deliveries.repository.js';
import { WebhookEndpointsRepository } from './repositories/webhook-endpoints.repository.js';
import { WebhookEndpointsService } from './services/webhook-endpoints.service.js';
import {
  UserWebhooksConfigurableModule,
  WEBHOOKS_MODULE_OPTIONS,
  WEBHOOKS_OPTIONS_TYPE,
} from './webhooks.module-definition.js';

/**
 * Signed webhooks (Standard Webhooks) from a durable outbox: every event of the write path is
 * recorded in the transaction of its change, then delivered by a worker on any instance, at
 * least once, in order per user, with retries and a delivery log (`/admin/webhooks`).
 */
@Module({
  imports: [MikroOrmModule.forFeature(WEBHOOKS_ENTITIES)],
  controllers: [AdminWebhooksController],
  providers: [
    {
      provide: WEBHOOKS_OPTIONS,
      useFactory: (options: UserWebhooksModuleOptions) => resolveWebhooksOptions(options),
      inject: [WEBHOOKS_MODULE_OPTIONS],
    },
    WebhookEndpointsRepository,
    WebhookDeliveriesRepository,
    WebhookDeliveryWorker,
    WebhookOutboxSink,
    WebhookEndpointsService,
  ],
  exports: [WebhookEndpointsService],
})
export class UserWebhooksModule extends UserWebhooksConfigurableModule {
  /** Every option has a default: `forRoot()` is enough (endpoints can be added by the admin). */
  static forRoot(options: typeof WEBHOOKS_OPTIONS_TYPE = {}): DynamicModule {
    return super.forRoot(options);
  }
}
