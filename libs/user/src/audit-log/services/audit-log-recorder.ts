import type { EntityManager } from '@mikro-orm/core';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { currentEventContext } from '../../core/events/request-event-context.js';
import { UserEventsPublisher } from '../../core/events/user-events.publisher.js';
import {
  IN_PROCESS_ONLY_EVENT_NAMES,
  type UserKitEvents,
} from '../../core/events/user-kit-events.js';
import {
  TransactionalEventSinks,
  type TransactionalEventSink,
  type UserKitEventRecord,
} from '../../core/extension-points/transactional-event-sink.js';
import type { AuditLogRecord } from './audit-log-record.js';
import { auditRecordOf } from './audit-log-records.js';
import { AuditLogService } from './audit-log.service.js';

/**
 * Writes the security events as records. The events of a write are recorded in the write's own
 * transaction (a transactional sink): the record commits or rolls back with the change, and costs
 * the request no connection of its own. The in-process-only events (a refused sign-in, an admin's
 * request) are written by an in-process subscriber (no EventEmitterModule needed), which the
 * library's answer waits for; a failure there is logged and the request still succeeds.
 */
@Injectable()
export class AuditLogRecorder implements TransactionalEventSink, OnModuleInit {
  constructor(
    private readonly publisher: UserEventsPublisher,
    private readonly sinks: TransactionalEventSinks,
    private readonly auditLog: AuditLogService,
  ) {}

  onModuleInit(): void {
    this.sinks.register(this);
    this.publisher.subscribe((name, event) => {
      if (!IN_PROCESS_ONLY_EVENT_NAMES.has(name)) return undefined;
      const record = auditRecordOf(name, event);
      return record ? this.auditLog.write(record) : undefined;
    });
  }

  async record(em: EntityManager, events: readonly UserKitEventRecord[]): Promise<void> {
    const context = currentEventContext();
    const records: AuditLogRecord[] = [];
    for (const { type, payload } of events) {
      const record = auditRecordOf(type, { ...payload, context } as UserKitEvents[typeof type]);
      if (record) records.push(record);
    }
    if (records.length > 0) await this.auditLog.writeIn(em, records, events[0].occurredAt);
  }
}
