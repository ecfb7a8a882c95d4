import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { logValue } from '../../core/messages/log-value.js';
import { OrmContext } from '../../core/repositories/orm-context.js';
import { AUDIT_LOG_OPTIONS, type ResolvedAuditLogOptions } from '../options/audit-log-options.js';
import { AuditLogRepository } from '../repositories/audit-log.repository.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The first run waits up to this long after start, at random: instances started together spread. */
const FIRST_RUN_MAX_DELAY_MS = 60 * 1000;
/** Between two batches: other writers get the table (and the CPU) in between. */
const PAUSE_BETWEEN_BATCHES_MS = 50;

/**
 * Deletes records older than `retentionDays`, in small batches of short statements (row locks
 * only, never the table), on a timer of each instance that has `prune` on. Safe with several
 * instances: a batch skips the rows another instance is deleting.
 */
@Injectable()
export class AuditLogPruner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('UserKit');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = false;

  constructor(
    @Inject(AUDIT_LOG_OPTIONS) private readonly options: ResolvedAuditLogOptions,
    private readonly entries: AuditLogRepository,
    private readonly orm: OrmContext,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.options.prune || this.options.retentionDays === null) return;
    this.schedule(Math.floor(Math.random() * FIRST_RUN_MAX_DELAY_MS));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Prunes now, until nothing older than the retention is left: the number of records deleted. */
  pruneNow(now = new Date()): Promise<number> {
    this.running ??= this.prune(now).finally(() => (this.running = undefined));
    return this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.pruneNow()
        .catch((error: unknown) =>
          this.logger.error(`Audit log pruning failed: ${logValue(error)}`),
        )
        .finally(() => this.schedule(this.options.pruneIntervalMinutes * 60 * 1000));
    }, delayMs);
    this.timer.unref();
  }

  private async prune(now: Date): Promise<number> {
    if (this.options.retentionDays === null) return 0;
    const before = new Date(now.getTime() - this.options.retentionDays * DAY_MS);
    const batchSize = this.options.pruneBatchSize;
    let total = 0;
    while (!this.stopped) {
      const deleted = await this.orm.runDetached(() => this.entries.pruneBatch(before, batchSize));
      total += deleted;
      if (deleted < batchSize) break;
      await sleep(PAUSE_BETWEEN_BATCHES_MS);
    }
    return total;
  }
}
