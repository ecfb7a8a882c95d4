import type { EntityManager } from '@mikro-orm/core';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { newId } from '../../core/entities/new-id.js';
import {
  TransactionalEventSinks,
  type TransactionalEventSink,
  type UserKitEventRecord,
} from '../../core/extension-points/transactional-event-sink.js';
import { isPostgres } from '../../core/sql/sql-dialect-of.js';
import { WebhookDeliveryWorker } from '../delivery/webhook-delivery.worker.js';

/** `{ type, timestamp, data }`: the Standard Webhooks payload, with the in-process event as data. */
export function webhookBody(event: UserKitEventRecord): string {
  return JSON.stringify({
    type: event.type,
    timestamp: event.occurredAt.toISOString(),
    data: event.payload,
  });
}

/** Whether an enabled endpoint takes one of the events' types, read in the change's transaction. */
async function anyEndpointTakes(
  em: EntityManager,
  events: readonly UserKitEventRecord[],
): Promise<boolean> {
  const types = [...new Set(events.map((event) => event.type))];
  const rows: unknown[] = await em.getConnection().execute(
    `select 1 from "userkit_webhook_endpoints" e where e."enabled" = ${isPostgres(em) ? 'true' : '1'} and (e."event_types" = '*' or ${types.map(() => 'e."event_types" like ?').join(' or ')}) limit 1`,
    types.map((type) => `%,${type},%`),
    'all',
    em.getTransactionContext(),
  );
  return rows.length > 0;
}

/**
 * The outbox: inside the transaction of each change of the write path, one message per event
 * and one pending delivery per endpoint that takes it, written only when some endpoint does
 * (PostgreSQL: one statement; SQLite: two). After the commit, this instance's worker wakes.
 */
@Injectable()
export class WebhookOutboxSink implements TransactionalEventSink, OnModuleInit {
  constructor(
    private readonly sinks: TransactionalEventSinks,
    private readonly worker: WebhookDeliveryWorker,
  ) {}

  onModuleInit(): void {
    this.sinks.register(this);
  }

  /** The event lists whose transaction queued a delivery: only their commit wakes the worker. */
  private readonly queued = new WeakSet<readonly UserKitEventRecord[]>();

  async record(em: EntityManager, events: readonly UserKitEventRecord[]): Promise<void> {
    const connection = em.getConnection();
    const transaction = em.getTransactionContext();
    const platform = em.getPlatform();
    const postgres = isPostgres(em);
    // Many events of one change (a bulk import): one read says whether any endpoint takes them,
    // instead of one statement per event that writes nothing.
    if (events.length > 1 && !(await anyEndpointTakes(em, events))) return;
    for (const event of events) {
      const at = platform.processDateProperty(event.occurredAt);
      const id = newId();
      const matching = `from "userkit_webhook_endpoints" e where e."enabled" = ${postgres ? 'true' : '1'} and (e."event_types" = '*' or e."event_types" like ?)`;
      const pattern = `%,${event.type},%`;
      const userId = 'userId' in event.payload ? event.payload.userId : null;
      const message = [id, event.type, userId, webhookBody(event), at];
      if (postgres) {
        const written: { affectedRows?: number } = await connection.execute(
          `with e as (select e."id" ${matching}), ` +
            `m as (insert into "userkit_webhook_messages" ("id", "event_type", "user_id", "body", "created_at") ` +
            `select ?::varchar, ?::varchar, ?::varchar, ?::text, ?::timestamptz where exists (select 1 from e) returning "id", "user_id") ` +
            `insert into "userkit_webhook_deliveries" ("endpoint_id", "message_id", "user_id", "status", "attempts", "next_attempt_at", "created_at") ` +
            `select e."id", m."id", m."user_id", 'pending', 0, ?::timestamptz, ?::timestamptz from m cross join e`,
          [pattern, ...message, at, at],
          'run',
          transaction,
        );
        if ((written.affectedRows ?? 0) > 0) this.queued.add(events);
        continue;
      }
      await connection.execute(
        `insert into "userkit_webhook_messages" ("id", "event_type", "user_id", "body", "created_at") ` +
          `select ?, ?, ?, ?, ? where exists (select 1 ${matching})`,
        [...message, pattern],
        'run',
        transaction,
      );
      const written: { affectedRows?: number } = await connection.execute(
        `insert into "userkit_webhook_deliveries" ("endpoint_id", "message_id", "user_id", "status", "attempts", "next_attempt_at", "created_at") ` +
          `select e."id", m."id", m."user_id", 'pending', 0, ?, ? from "userkit_webhook_messages" m, "userkit_webhook_endpoints" e ` +
          `where m."id" = ? and e."enabled" = 1 and (e."event_types" = '*' or e."event_types" like ?)`,
        [at, at, id, pattern],
        'run',
        transaction,
      );
      if ((written.affectedRows ?? 0) > 0) this.queued.add(events);
    }
  }

  committed(events: readonly UserKitEventRecord[]): void {
    if (this.queued.has(events)) this.worker.wake();
  }
}
