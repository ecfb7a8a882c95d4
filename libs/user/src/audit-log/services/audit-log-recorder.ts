import { Injectable, type OnModuleInit } from '@nestjs/common';
import { UserEventsPublisher } from '../../core/events/user-events.publisher.js';
import { auditRecordOf } from './audit-log-records.js';
import { AuditLogService } from './audit-log.service.js';

/**
 * Subscribes to the library's events in-process (no EventEmitterModule needed) and writes the
 * security events as records. The library's answer to the request waits for the write; a failed
 * write is logged and the request still succeeds (the change itself is already committed).
 */
@Injectable()
export class AuditLogRecorder implements OnModuleInit {
  constructor(
    private readonly publisher: UserEventsPublisher,
    private readonly auditLog: AuditLogService,
  ) {}

  onModuleInit(): void {
    this.publisher.subscribe((name, event) => {
      const record = auditRecordOf(name, event);
      return record ? this.auditLog.write(record) : undefined;
    });
  }
}
