import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { isPostgres } from '../../core/sql/sql-dialect-of.js';
import type { WebhookDeliveryStatus } from '../entities/webhook-delivery.entity.js';

type Row = Record<string, unknown>;

/** A delivery a worker holds under its lease: what it needs to send one attempt. */
export interface ClaimedDelivery {
  endpointId: string;
  messageId: string;
  /** Counting this one. */
  attempts: number;
  url: string;
  body: string;
  /** The current secret, then the previous one while the rotation's overlap lasts. */
  secrets: string[];
}

/** One row of an endpoint's delivery log. */
export interface DeliveryLogEntry {
  messageId: string;
  eventType: string;
  userId: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

const DELIVERIES = '"userkit_webhook_deliveries"';
const MESSAGES = '"userkit_webhook_messages"';
const ENDPOINTS = '"userkit_webhook_endpoints"';

function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(value as string | number);
}

/**
 * The worker's SQL on the deliveries (raw: it runs outside any request, on the pool). A claim
 * takes due deliveries whose earlier messages for the same endpoint and user are all done, and
 * leases them to one worker; PostgreSQL skips rows another worker is claiming (`FOR UPDATE SKIP
 * LOCKED`), SQLite has one writer. A lease that ran out (its worker died) is claimable again.
 */
@Injectable()
export class WebhookDeliveriesRepository {
  constructor(private readonly em: EntityManager) {}

  async claim(
    owner: string,
    now: Date,
    leaseMs: number,
    limit: number,
  ): Promise<ClaimedDelivery[]> {
    const postgres = isPostgres(this.em);
    const date = (value: Date) => this.em.getPlatform().processDateProperty(value);
    // A read first (the partial index answers it): an idle worker takes no write lock (SQLite).
    const anyDue: Row[] = await this.em
      .getConnection()
      .execute(
        `select 1 as "due" from ${DELIVERIES} where "status" = 'pending' and "next_attempt_at" <= ? limit 1`,
        [date(now)],
        'all',
      );
    if (anyDue.length === 0) return [];
    const enabled = postgres ? 'true' : '1';
    const due =
      `select d."endpoint_id", d."message_id" from ${DELIVERIES} d ` +
      `where d."status" = 'pending' and d."next_attempt_at" <= ? ` +
      `and (d."lease_expires_at" is null or d."lease_expires_at" <= ?) ` +
      `and exists (select 1 from ${ENDPOINTS} e where e."id" = d."endpoint_id" and e."enabled" = ${enabled}) ` +
      `and not exists (select 1 from ${DELIVERIES} p where p."endpoint_id" = d."endpoint_id" ` +
      `and p."user_id" = d."user_id" and p."status" = 'pending' and p."message_id" < d."message_id") ` +
      `order by d."next_attempt_at", d."message_id" limit ${Math.trunc(limit)}` +
      (postgres ? ' for update of d skip locked' : '');
    const claimed: Row[] = await this.em
      .getConnection()
      .execute(
        `update ${DELIVERIES} set "lease_owner" = ?, "lease_expires_at" = ?, ` +
          `"attempts" = "attempts" + 1, "last_attempt_at" = ? ` +
          `where ("endpoint_id", "message_id") in (${due}) ` +
          `returning "endpoint_id", "message_id", "attempts"`,
        [owner, date(new Date(now.getTime() + leaseMs)), date(now), date(now), date(now)],
        'all',
      );
    if (claimed.length === 0) return [];
    const messageIds = [...new Set(claimed.map((row) => String(row.message_id)))];
    const endpointIds = [...new Set(claimed.map((row) => String(row.endpoint_id)))];
    const marks = (values: unknown[]) => values.map(() => '?').join(', ');
    const bodies: Row[] = await this.em
      .getConnection()
      .execute(
        `select "id", "body" from ${MESSAGES} where "id" in (${marks(messageIds)})`,
        messageIds,
        'all',
      );
    const endpoints: Row[] = await this.em
      .getConnection()
      .execute(
        `select "id", "url", "secret", "previous_secret", "previous_secret_expires_at" from ${ENDPOINTS} where "id" in (${marks(endpointIds)})`,
        endpointIds,
        'all',
      );
    const bodyOf = new Map(bodies.map((row) => [String(row.id), String(row.body)]));
    const endpointOf = new Map(endpoints.map((row) => [String(row.id), row]));
    return claimed.flatMap((row) => {
      const endpoint = endpointOf.get(String(row.endpoint_id));
      const body = bodyOf.get(String(row.message_id));
      if (!endpoint || body === undefined) return [];
      const previousUntil = toDate(endpoint.previous_secret_expires_at);
      const secrets = [String(endpoint.secret)];
      if (endpoint.previous_secret && previousUntil && previousUntil > now)
        secrets.push(String(endpoint.previous_secret));
      return [
        {
          endpointId: String(row.endpoint_id),
          messageId: String(row.message_id),
          attempts: Number(row.attempts),
          url: String(endpoint.url),
          body,
          secrets,
        },
      ];
    });
  }

  /**
   * Records an attempt under the worker's own lease (a lease another worker took over after this
   * one ran out is theirs to record): delivered, retried at `retryAt`, or failed for good (null).
   */
  async complete(
    delivery: ClaimedDelivery,
    owner: string,
    outcome: {
      ok: boolean;
      statusCode: number | null;
      durationMs: number;
      error: string | null;
      at: Date;
      retryAt: Date | null;
    },
  ): Promise<void> {
    const date = (value: Date) => this.em.getPlatform().processDateProperty(value);
    const status: WebhookDeliveryStatus = outcome.ok
      ? 'delivered'
      : outcome.retryAt
        ? 'pending'
        : 'failed';
    await this.em
      .getConnection()
      .execute(
        `update ${DELIVERIES} set "status" = ?, "lease_owner" = null, "lease_expires_at" = null, ` +
          `"last_status_code" = ?, "last_duration_ms" = ?, "last_error" = ?, "delivered_at" = ?, ` +
          `"next_attempt_at" = ? where "endpoint_id" = ? and "message_id" = ? and "lease_owner" = ?`,
        [
          status,
          outcome.statusCode,
          outcome.durationMs,
          outcome.error?.slice(0, 200) ?? null,
          outcome.ok ? date(outcome.at) : null,
          date(outcome.retryAt ?? outcome.at),
          delivery.endpointId,
          delivery.messageId,
          owner,
        ],
        'run',
      );
  }

  /** An endpoint's delivery log, newest message first, `cursor` = the last message id seen. */
  async list(
    endpointId: string,
    options: { status?: WebhookDeliveryStatus; cursor?: string; limit: number },
  ): Promise<DeliveryLogEntry[]> {
    const params: unknown[] = [endpointId];
    let where = `d."endpoint_id" = ?`;
    if (options.status) {
      where += ` and d."status" = ?`;
      params.push(options.status);
    }
    if (options.cursor) {
      where += ` and d."message_id" < ?`;
      params.push(options.cursor);
    }
    const rows: Row[] = await this.em
      .getConnection()
      .execute(
        `select d.*, m."event_type" from ${DELIVERIES} d join ${MESSAGES} m on m."id" = d."message_id" ` +
          `where ${where} order by d."message_id" desc limit ${Math.trunc(options.limit)}`,
        params,
        'all',
      );
    return rows.map((row) => this.toEntry(row));
  }

  async find(endpointId: string, messageId: string): Promise<DeliveryLogEntry | null> {
    const rows: Row[] = await this.em
      .getConnection()
      .execute(
        `select d.*, m."event_type" from ${DELIVERIES} d join ${MESSAGES} m on m."id" = d."message_id" ` +
          `where d."endpoint_id" = ? and d."message_id" = ?`,
        [endpointId, messageId],
        'all',
      );
    return rows[0] ? this.toEntry(rows[0]) : null;
  }

  /**
   * Sends it again from now, on a fresh schedule (a dead-lettered or delivered one too): false
   * when a worker holds it right now.
   */
  async retry(endpointId: string, messageId: string, now: Date): Promise<boolean> {
    const date = (value: Date) => this.em.getPlatform().processDateProperty(value);
    const result: { affectedRows?: number } = await this.em
      .getConnection()
      .execute(
        `update ${DELIVERIES} set "status" = 'pending', "attempts" = 0, "next_attempt_at" = ?, ` +
          `"lease_owner" = null, "lease_expires_at" = null ` +
          `where "endpoint_id" = ? and "message_id" = ? ` +
          `and ("lease_expires_at" is null or "lease_expires_at" <= ? or "status" <> 'pending')`,
        [date(now), endpointId, messageId, date(now)],
        'run',
      );
    return (result.affectedRows ?? 0) > 0;
  }

  /** Messages older than `before` with nothing pending: at most `limit` per call. */
  async prune(before: Date, limit: number): Promise<number> {
    const date = this.em.getPlatform().processDateProperty(before);
    const result: { affectedRows?: number } = await this.em
      .getConnection()
      .execute(
        `delete from ${MESSAGES} where "id" in (select m."id" from ${MESSAGES} m where m."created_at" < ? ` +
          `and not exists (select 1 from ${DELIVERIES} d where d."message_id" = m."id" and d."status" = 'pending') ` +
          `limit ${Math.trunc(limit)})`,
        [date],
        'run',
      );
    return result.affectedRows ?? 0;
  }

  private toEntry(row: Row): DeliveryLogEntry {
    const status = String(row.status) as WebhookDeliveryStatus;
    return {
      messageId: String(row.message_id),
      eventType: String(row.event_type),
      userId: String(row.user_id),
      status,
      attempts: Number(row.attempts),
      nextAttemptAt: status === 'pending' ? toDate(row.next_attempt_at) : null,
      lastAttemptAt: toDate(row.last_attempt_at),
      lastStatusCode: row.last_status_code === null ? null : Number(row.last_status_code),
      lastDurationMs: row.last_duration_ms === null ? null : Number(row.last_duration_ms),
      lastError: (row.last_error as string | null) ?? null,
      deliveredAt: toDate(row.delivered_at),
      createdAt: toDate(row.created_at) ?? new Date(0),
    };
  }
}
