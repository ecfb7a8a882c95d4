import { EntityManager } from '@mikro-orm/core';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { UserKitEventName, UserKitEvents } from './user-kit-events.js';
import {
  TransactionalEventSinks,
  type UserKitEventRecord,
} from '../extension-points/transactional-event-sink.js';
import { logValue } from '../messages/log-value.js';

/** One event a change reports: its name and payload. */
export type UserKitEvent = {
  [Name in UserKitEventName]: { type: Name; payload: UserKitEvents[Name] };
}[UserKitEventName];

/** Builds a typed event (`userKitEvent('user.deleted', { userId })`). */
export function userKitEvent<Name extends UserKitEventName>(
  type: Name,
  payload: UserKitEvents[Name],
): UserKitEvent {
  return { type, payload } as UserKitEvent;
}

/** The part of @nestjs/event-emitter's EventEmitter2 the publisher uses. */
interface EventEmitterLike {
  emit(event: string, ...values: unknown[]): boolean;
}

/**
 * The events of the write path. `commit` runs a change and reports it: with a transactional sink
 * registered (a feature's outbox), the change and the sinks' rows are one transaction; then,
 * after the commit, each event is emitted in-process.
 *
 * Emits on the host's EventEmitter2 when the host imported `EventEmitterModule.forRoot()`; without
 * it nobody could listen (`@OnEvent` needs that module), so emitting is skipped. The package is an
 * optional peer: it is imported only here, at start, and its absence means no events. A listener
 * that throws is logged: the change it hears about is already committed and the request succeeds.
 */
@Injectable()
export class UserEventsPublisher implements OnModuleInit {
  private readonly logger = new Logger('UserKit');
  private emitter: EventEmitterLike | undefined;

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly em: EntityManager,
    private readonly sinks: TransactionalEventSinks,
  ) {}

  /**
   * Runs `write` and reports the events `eventsOf` names for its result (none: nothing happened).
   * Without a sink, `write` runs as it is (its own statement or transaction); with one, inside a
   * transaction that also holds the sinks' rows. The in-process events follow the commit.
   */
  async commit<Result>(
    write: () => Promise<Result>,
    eventsOf: (result: Result) => readonly UserKitEvent[],
  ): Promise<Result> {
    if (!this.sinks.active) {
      const result = await write();
      for (const event of eventsOf(result)) this.emitEvent(event);
      return result;
    }
    let records: UserKitEventRecord[] = [];
    const result = await this.em.transactional(async (em) => {
      const written = await write();
      const occurredAt = new Date();
      records = eventsOf(written).map((event) => ({ ...event, occurredAt }));
      if (records.length > 0) await this.sinks.record(em, records);
      return written;
    });
    if (records.length > 0) this.sinks.committed(records);
    for (const record of records) this.emitEvent(record);
    return result;
  }

  /** Reports events of a change already committed elsewhere (see `commit` for the atomic way). */
  async report(events: readonly UserKitEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.commit(
      async () => undefined,
      () => events,
    );
  }

  private emitEvent(event: { type: UserKitEventName; payload: unknown }): void {
    this.emit(event.type, event.payload as never);
  }

  async onModuleInit(): Promise<void> {
    let eventEmitterPackage: typeof import('@nestjs/event-emitter');
    try {
      eventEmitterPackage = await import('@nestjs/event-emitter');
    } catch (error) {
      if (!isModuleNotFound(error)) throw error;
      return; // not installed: the host cannot listen
    }
    try {
      this.emitter = this.moduleRef.get<EventEmitterLike>(eventEmitterPackage.EventEmitter2, {
        strict: false,
      });
    } catch {
      // installed but EventEmitterModule not imported: nobody listens
    }
  }

  emit<Name extends UserKitEventName>(name: Name, payload: UserKitEvents[Name]): void {
    if (!this.emitter) return;
    try {
      this.emitter.emit(name, payload);
    } catch (error) {
      this.logger.error(`A listener of ${name} failed: ${logValue(error)}`);
    }
  }
}

function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}
