import type { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { UserKitEventName, UserKitEventPayloads } from '../events/user-kit-events.js';

/** One event of the write path, as a sink receives it. */
export interface UserKitEventRecord<Name extends UserKitEventName = UserKitEventName> {
  type: Name;
  /** The event without its request context (`context` is for in-process listeners only). */
  payload: UserKitEventPayloads[Name];
  /** When the change was made (the same for every event of one change). */
  occurredAt: Date;
}

/**
 * What a feature module writes with a change of the write path, in the change's own transaction
 * (a webhook outbox, an audit trail): the sink's rows commit or roll back with the change, so a
 * crash right after the commit loses nothing. A sink that throws rolls the change back.
 */
export interface TransactionalEventSink {
  /** Inside the transaction: `em` is the transaction's. Called only with events (never empty). */
  record(em: EntityManager, events: readonly UserKitEventRecord[]): Promise<void>;
  /** After the commit, on this instance (e.g. to wake a worker); must not throw. */
  committed?(events: readonly UserKitEventRecord[]): void;
}

/**
 * The core calls the sinks through this registry, never by import: a feature registers its sink
 * when it starts (`onModuleInit`). With none registered, the write path runs as it does without
 * any (no transaction of its own around a single-statement write).
 */
@Injectable()
export class TransactionalEventSinks {
  private readonly sinks: TransactionalEventSink[] = [];

  register(sink: TransactionalEventSink): void {
    this.sinks.push(sink);
  }

  get active(): boolean {
    return this.sinks.length > 0;
  }

  async record(em: EntityManager, events: readonly UserKitEventRecord[]): Promise<void> {
    for (const sink of this.sinks) await sink.record(em, events);
  }

  committed(events: readonly UserKitEventRecord[]): void {
    for (const sink of this.sinks) sink.committed?.(events);
  }
}
