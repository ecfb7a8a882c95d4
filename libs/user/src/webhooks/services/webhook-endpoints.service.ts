import { createHash } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { UserKitException } from '../../core/errors/user-kit.exception.js';
import { isResourceId } from '../../core/validation/resource-id.js';
import { webhookUrlProblem } from '../delivery/destination-policy.js';
import { newWebhookSecret } from '../delivery/webhook-signature.js';
import type {
  CreateWebhookEndpointDto,
  UpdateWebhookEndpointDto,
} from '../dto/webhook-endpoint.dto.js';
import { storedEventTypes } from '../dto/webhook.mapper.js';
import type { WebhookEndpoint } from '../entities/webhook-endpoint.entity.js';
import type { WebhookDeliveryStatus } from '../entities/webhook-delivery.entity.js';
import { WEBHOOKS_OPTIONS, type ResolvedWebhooksOptions } from '../options/webhooks-options.js';
import {
  WebhookDeliveriesRepository,
  type DeliveryLogEntry,
} from '../repositories/webhook-deliveries.repository.js';
import { WebhookEndpointsRepository } from '../repositories/webhook-endpoints.repository.js';
import { WebhookDeliveryWorker } from '../delivery/webhook-delivery.worker.js';

/** How long the old secret keeps signing after a rotation, unless the admin says otherwise. */
export const DEFAULT_ROTATION_OVERLAP_SECONDS = 86_400;

/** The id of an endpoint from the options: derived from its URL, the same on every instance. */
export function optionsEndpointId(url: string): string {
  return `opt_${createHash('sha256').update(url).digest('hex').slice(0, 32)}`;
}

/** Endpoints (the options' and the admin's), their secrets, and their delivery logs. */
@Injectable()
export class WebhookEndpointsService implements OnApplicationBootstrap {
  constructor(
    @Inject(WEBHOOKS_OPTIONS) private readonly options: ResolvedWebhooksOptions,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly worker: WebhookDeliveryWorker,
  ) {}

  /** The options' endpoints become rows (after the host's migrations ran, at module init). */
  async onApplicationBootstrap(): Promise<void> {
    for (const endpoint of this.options.endpoints) {
      const problem = await webhookUrlProblem(endpoint.url, this.options.allowPrivateNetworks);
      if (problem)
        throw new Error(`Invalid UserWebhooksModule options: ${endpoint.url}: ${problem}`);
    }
    await this.endpoints.syncFromOptions(
      this.options.endpoints.map((endpoint) => ({
        id: optionsEndpointId(endpoint.url),
        url: endpoint.url,
        secret: endpoint.secret,
        eventTypes: storedEventTypes(endpoint.events),
      })),
    );
  }

  list(): Promise<WebhookEndpoint[]> {
    return this.endpoints.list();
  }

  async get(id: string): Promise<WebhookEndpoint> {
    const endpoint = isResourceId(id) ? await this.endpoints.find(id) : null;
    if (!endpoint) throw new UserKitException('WEBHOOK_ENDPOINT_NOT_FOUND');
    return endpoint;
  }

  async create(
    body: CreateWebhookEndpointDto,
  ): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    await this.checkUrl(body.url);
    const secret = newWebhookSecret();
    const endpoint = await this.endpoints.create(
      {
        url: body.url,
        description: body.description ?? null,
        eventTypes: storedEventTypes(body.events),
        enabled: true,
      },
      secret,
    );
    return { endpoint, secret };
  }

  async update(id: string, body: UpdateWebhookEndpointDto): Promise<WebhookEndpoint> {
    const endpoint = await this.changeable(id);
    if (body.url !== undefined) await this.checkUrl(body.url);
    await this.endpoints.update(endpoint, {
      ...(body.url !== undefined ? { url: body.url } : {}),
      ...(body.description !== undefined ? { description: body.description } : {}),
      ...(body.events !== undefined ? { eventTypes: storedEventTypes(body.events) } : {}),
      ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
    });
    if (body.enabled) this.worker.wake();
    return endpoint;
  }

  /** A new secret, shown once; the old one signs beside it for `overlapSeconds`. */
  async rotateSecret(
    id: string,
    overlapSeconds = DEFAULT_ROTATION_OVERLAP_SECONDS,
  ): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const endpoint = await this.changeable(id);
    const secret = newWebhookSecret();
    await this.endpoints.rotate(endpoint, secret, new Date(Date.now() + overlapSeconds * 1000));
    return { endpoint, secret };
  }

  async delete(id: string): Promise<void> {
    await this.changeable(id);
    if (!(await this.endpoints.delete(id)))
      throw new UserKitException('WEBHOOK_ENDPOINT_NOT_FOUND');
  }

  async listDeliveries(
    id: string,
    query: { status?: WebhookDeliveryStatus; cursor?: string; limit?: number },
  ): Promise<{ data: DeliveryLogEntry[]; nextCursor: string | null }> {
    await this.get(id);
    const limit = query.limit ?? 20;
    const rows = await this.deliveries.list(id, { ...query, limit: limit + 1 });
    const data = rows.slice(0, limit);
    return { data, nextCursor: rows.length > limit ? data[data.length - 1].messageId : null };
  }

  /** Sends a delivery again now, on a fresh schedule; 409 while a worker is sending it. */
  async retryDelivery(id: string, deliveryId: string): Promise<DeliveryLogEntry> {
    await this.get(id);
    const existing = isResourceId(deliveryId) ? await this.deliveries.find(id, deliveryId) : null;
    if (!existing) throw new UserKitException('WEBHOOK_DELIVERY_NOT_FOUND');
    const now = new Date();
    if (!(await this.deliveries.retry(id, deliveryId, now)))
      throw new UserKitException('WEBHOOK_DELIVERY_IN_FLIGHT');
    this.worker.wake();
    // As written: the worker may already be sending it by the time this answers.
    return { ...existing, status: 'pending', attempts: 0, nextAttemptAt: now };
  }

  private async changeable(id: string): Promise<WebhookEndpoint> {
    const endpoint = await this.get(id);
    if (endpoint.fromOptions) throw new UserKitException('WEBHOOK_ENDPOINT_FROM_OPTIONS');
    return endpoint;
  }

  private async checkUrl(url: string): Promise<void> {
    const problem = await webhookUrlProblem(url, this.options.allowPrivateNetworks);
    if (problem)
      throw new UserKitException(
        'WEBHOOK_URL_REFUSED',
        `This URL cannot receive webhooks: ${problem}`,
      );
  }
}
