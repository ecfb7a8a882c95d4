import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { plainValues } from '../../core/sql/plain-values.js';
import { newId } from '../../core/entities/new-id.js';
import { insertRows } from '../../core/sql/insert-rows.js';
import { PreparedWrite } from '../../core/sql/prepared-write.js';
import { isPostgres } from '../../core/sql/sql-dialect-of.js';
import { AuditLogEntry } from '../entities/audit-log-entry.entity.js';
import type { AuditLogRecord } from '../services/audit-log-record.js';

export interface AuditLogFilter {
  userId?: string;
  actorId?: string;
  /** One type, or any of several. */
  types?: readonly string[];
  /** Inclusive lower bound of the time. */
  from?: Date;
  /** Exclusive upper bound of the time. */
  to?: Date;
  /** The last record of the previous page (newest first): the page starts after it. */
  after?: { createdAt: Date; id: string };
  limit: number;
}

const TABLE = 'userkit_audit_log';
const COLUMNS = [
  '"id"',
  '"created_at"',
  '"type"',
  '"user_id"',
  '"actor_id"',
  '"session_id"',
  '"ip"',
  '"user_agent"',
  '"details"',
];
const INSERT_SQL = `insert into "${TABLE}" (${COLUMNS.join(', ')}) values (${COLUMNS.map(() => '?').join(', ')})`;

/** A record's values in COLUMNS order, bound as the ORM would bind them. */
function rowOf(em: EntityManager, record: AuditLogRecord, at: Date): unknown[] {
  return [
    newId(),
    em.getPlatform().processDateProperty(at),
    record.type,
    record.userId,
    record.actorId,
    record.sessionId,
    record.ip,
    record.userAgent,
    JSON.stringify(record.details),
  ];
}

/** The audit log's one table: append, read newest first by (created_at, id), prune by age. */
@Injectable()
export class AuditLogRepository {
  private insert: PreparedWrite | undefined;

  constructor(private readonly em: EntityManager) {}

  /**
   * One INSERT, prepared once per pooled connection (the sign-in path writes here): the values
   * bound as the ORM would bind them (the platform's dates, JSON as text), without making an
   * entity. With `em` a transaction's, on its connection (the record commits with the change).
   */
  async append(record: AuditLogRecord, at = new Date(), em = this.em): Promise<void> {
    this.insert ??= new PreparedWrite('userkit_audit_log_insert', INSERT_SQL, [INSERT_SQL]);
    await this.insert.run(em, [rowOf(em, record, at)]);
  }

  /** Many records of one change (a bulk import's users), as multi-row INSERTs on `em`. */
  async appendMany(records: readonly AuditLogRecord[], at: Date, em: EntityManager): Promise<void> {
    if (records.length === 1) return this.append(records[0]!, at, em);
    const rows = records.map((record) => rowOf(em, record, at));
    await insertRows(em, TABLE, COLUMNS, rows);
  }

  async list(filter: AuditLogFilter): Promise<AuditLogEntry[]> {
    const postgres = isPostgres(this.em);
    const time = (date: Date) => (postgres ? date : date.getTime());
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (filter.userId !== undefined) {
      conditions.push('user_id = ?');
      params.push(filter.userId);
    }
    if (filter.actorId !== undefined) {
      conditions.push('actor_id = ?');
      params.push(filter.actorId);
    }
    if (filter.types !== undefined) {
      conditions.push(`type in (${filter.types.map(() => '?').join(', ')})`);
      params.push(...filter.types);
    }
    if (filter.from !== undefined) {
      conditions.push('created_at >= ?');
      params.push(time(filter.from));
    }
    if (filter.to !== undefined) {
      conditions.push('created_at < ?');
      params.push(time(filter.to));
    }
    if (filter.after !== undefined) {
      // A row value: one index range, read backwards from the cursor.
      conditions.push('(created_at, id) < (?, ?)');
      params.push(time(filter.after.createdAt), filter.after.id);
    }
    const where = conditions.length > 0 ? `where ${conditions.join(' and ')}` : '';
    const rows = (await this.em
      .getConnection()
      .execute(`select * from "${TABLE}" ${where} order by created_at desc, id desc limit ?`, [
        ...params,
        filter.limit,
      ] as never[])) as Record<string, unknown>[];
    return rows.map((row) => plainValues(this.em, AuditLogEntry, row));
  }

  /**
   * Deletes up to `batchSize` of the oldest records before `before`, in one short statement that
   * locks only those rows; on PostgreSQL rows another instance is deleting are skipped, not
   * waited for. The number deleted.
   */
  async pruneBatch(before: Date, batchSize: number): Promise<number> {
    const postgres = isPostgres(this.em);
    const lock = postgres ? ' for update skip locked' : '';
    const result = await this.em
      .getConnection()
      .execute(
        `delete from "${TABLE}" where id in (select id from "${TABLE}" where created_at < ? order by created_at limit ?${lock})`,
        [postgres ? before : before.getTime(), batchSize] as never[],
        'run',
      );
    return Number((result as { affectedRows?: number } | undefined)?.affectedRows ?? 0);
  }
}
