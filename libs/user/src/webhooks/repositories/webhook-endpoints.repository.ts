import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { isPostgres } from '../../core/sql/sql-dialect-of.js';
import { WebhookEndpoint } from '../entities/webhook-endpoint.entity.js';

export interface EndpointFields {
  url: string;
  description: string | null;
  eventTypes: string;
  enabled: boolean;
}

/** Endpoints: the admin's through the ORM, the options' written at start. */
@Injectable()
export class WebhookEndpointsRepository {
  constructor(private readonly em: EntityManager) {}

  list(): Promise<WebhookEndpoint[]> {
    return this.em.find(WebhookEndpoint, {}, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  find(id: string): Promise<WebhookEndpoint | null> {
    return this.em.findOne(WebhookEndpoint, { id }, { refresh: true });
  }

  async create(fields: EndpointFields, secret: string): Promise<WebhookEndpoint> {
    const endpoint = this.em.create(WebhookEndpoint, { ...fields, secret });
    await this.em.flush();
    return endpoint;
  }

  async update(endpoint: WebhookEndpoint, fields: Partial<EndpointFields>): Promise<void> {
    this.em.assign(endpoint, { ...fields, updatedAt: new Date() });
    await this.em.flush();
  }

  /** The new secret signs from now; the old one too until `previousUntil`. */
  async rotate(endpoint: WebhookEndpoint, secret: string, previousUntil: Date): Promise<void> {
    this.em.assign(endpoint, {
      previousSecret: endpoint.secret,
      previousSecretExpiresAt: previousUntil,
      secret,
      updatedAt: new Date(),
    });
    await this.em.flush();
  }

  /** false when it does not exist (its deliveries go with it). */
  async delete(id: string): Promise<boolean> {
    return (await this.em.nativeDelete(WebhookEndpoint, { id })) === 1;
  }

  /**
   * The options' endpoints as rows (ids derived from the URLs, so every instance writes the same
   * ones); those removed from the options go, with their deliveries.
   */
  async syncFromOptions(
    endpoints: { id: string; url: string; secret: string; eventTypes: string }[],
  ): Promise<void> {
    const connection = this.em.getConnection();
    const platform = this.em.getPlatform();
    const now = platform.processDateProperty(new Date());
    const yes = isPostgres(this.em) ? true : 1;
    for (const endpoint of endpoints) {
      await connection.execute(
        `insert into "userkit_webhook_endpoints" ("id", "url", "description", "event_types", "secret", "from_options", "enabled", "created_at", "updated_at") ` +
          `values (?, ?, null, ?, ?, ?, ?, ?, ?) on conflict ("id") do update set "url" = excluded."url", ` +
          `"event_types" = excluded."event_types", "secret" = excluded."secret", "from_options" = excluded."from_options", "enabled" = excluded."enabled"`,
        [endpoint.id, endpoint.url, endpoint.eventTypes, endpoint.secret, yes, yes, now, now],
        'run',
      );
    }
    const keep = endpoints.map((endpoint) => endpoint.id);
    await connection.execute(
      `delete from "userkit_webhook_endpoints" where "from_options" = ?` +
        (keep.length > 0 ? ` and "id" not in (${keep.map(() => '?').join(', ')})` : ''),
      [yes, ...keep],
      'run',
    );
  }
}
