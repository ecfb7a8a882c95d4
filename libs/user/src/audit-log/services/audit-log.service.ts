import type { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { currentEventContext } from '../../core/events/request-event-context.js';
import { OrmContext } from '../../core/repositories/orm-context.js';
import { decodeUserCursor, encodeUserCursor } from '../../core/services/user-cursor.js';
import {
  AUDIT_LOG_TYPE_MAX_LENGTH,
  AUDIT_LOG_TYPE_PATTERN,
  SECURITY_ACTIVITY_TYPES,
} from '../audit-log-types.js';
import type { AuditLogEntry } from '../entities/audit-log-entry.entity.js';
import { AUDIT_LOG_OPTIONS, type ResolvedAuditLogOptions } from '../options/audit-log-options.js';
import { AuditLogRepository } from '../repositories/audit-log.repository.js';
import type { AuditLogRecord } from './audit-log-record.js';

/** Serialized details beyond this are replaced by `{ truncated: true }`. */
export const MAX_DETAILS_BYTES = 2048;
export const DEFAULT_AUDIT_PAGE_SIZE = 50;
/** The export reads the trail in pages this large: one statement each, by the index. */
const EXPORT_PAGE_SIZE = 500;

export interface AuditLogQuery {
  userId?: string;
  actorId?: string;
  type?: string;
  from?: string | Date;
  to?: string | Date;
  cursor?: string;
  limit?: number;
}

export interface AuditLogPage {
  entries: AuditLogEntry[];
  nextCursor: string | null;
}

/** Writes and reads the audit trail; the host may record its own types here too. */
@Injectable()
export class AuditLogService {
  constructor(
    @Inject(AUDIT_LOG_OPTIONS) private readonly options: ResolvedAuditLogOptions,
    private readonly entries: AuditLogRepository,
    private readonly orm: OrmContext,
  ) {}

  /**
   * Appends one record. Fields left out come from the current request of the library (actor,
   * session, ip, user agent), as for the library's own events. Excluded types are skipped.
   */
  async record(
    record: Pick<AuditLogRecord, 'type'> & Partial<Omit<AuditLogRecord, 'type'>>,
  ): Promise<void> {
    if (
      typeof record.type !== 'string' ||
      record.type.length > AUDIT_LOG_TYPE_MAX_LENGTH ||
      !AUDIT_LOG_TYPE_PATTERN.test(record.type)
    )
      throw new Error(`Not an audit log type: ${JSON.stringify(record.type)}`);
    if (this.options.excludeTypes.has(record.type)) return;
    const context = currentEventContext();
    await this.write({
      type: record.type,
      userId: record.userId ?? null,
      actorId: record.actorId === undefined ? context.actorId : record.actorId,
      sessionId: record.sessionId === undefined ? context.actorSessionId : record.sessionId,
      ip: record.ip === undefined ? context.ip : record.ip,
      userAgent: record.userAgent === undefined ? context.userAgent : record.userAgent,
      details: record.details ?? {},
    });
  }

  /** A record the library's events made (already complete), in a statement of its own. */
  async write(record: AuditLogRecord): Promise<void> {
    const kept = this.kept(record);
    if (kept) await this.orm.run(() => this.entries.append(kept));
  }

  /** Records of a change, in its transaction (`em` is the transaction's). */
  async writeIn(em: EntityManager, records: readonly AuditLogRecord[], at: Date): Promise<void> {
    const kept = records.flatMap((record) => this.kept(record) ?? []);
    if (kept.length > 0) await this.entries.appendMany(kept, at, em);
  }

  /** The record as stored (ip and user agent cut, details bounded), or null when excluded. */
  private kept(record: AuditLogRecord): AuditLogRecord | null {
    if (this.options.excludeTypes.has(record.type)) return null;
    const details = JSON.stringify(record.details ?? {});
    return {
      ...record,
      ip: this.options.recordIpAddresses ? (record.ip?.slice(0, 64) ?? null) : null,
      userAgent: record.userAgent?.slice(0, 512) ?? null,
      details:
        Buffer.byteLength(details) > MAX_DETAILS_BYTES ? { truncated: true } : record.details,
    };
  }

  /** Newest first; `nextCursor` continues after the page's last record. */
  async list(query: AuditLogQuery): Promise<AuditLogPage> {
    return this.page(query, query.type === undefined ? undefined : [query.type]);
  }

  /** The user's own sign-ins and password and two-factor changes, newest first. */
  listOwnSecurityActivity(
    userId: string,
    query: Pick<AuditLogQuery, 'cursor' | 'limit'>,
  ): Promise<AuditLogPage> {
    return this.page({ ...query, userId }, SECURITY_ACTIVITY_TYPES);
  }

  /** The whole of the user's own security activity, newest first (their data export). */
  async allOwnSecurityActivity(userId: string): Promise<AuditLogEntry[]> {
    const all: AuditLogEntry[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.listOwnSecurityActivity(userId, { cursor, limit: EXPORT_PAGE_SIZE });
      all.push(...page.entries);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    return all;
  }

  private async page(
    query: AuditLogQuery,
    types: readonly string[] | undefined,
  ): Promise<AuditLogPage> {
    const limit = query.limit ?? DEFAULT_AUDIT_PAGE_SIZE;
    const found = await this.entries.list({
      userId: query.userId,
      actorId: query.actorId,
      types,
      from: query.from === undefined ? undefined : new Date(query.from),
      to: query.to === undefined ? undefined : new Date(query.to),
      after: query.cursor === undefined ? undefined : decodeUserCursor(query.cursor),
      limit: limit + 1,
    });
    const entries = found.slice(0, limit);
    const last = entries[entries.length - 1];
    return {
      entries,
      nextCursor: found.length > limit && last ? encodeUserCursor(last) : null,
    };
  }
}
