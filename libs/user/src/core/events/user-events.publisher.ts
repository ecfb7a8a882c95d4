import { EntityManager } from '@mikro-orm/core';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { UserKitEventName, UserKitEventPayloads, UserKitEvents } from './user-kit-events.js';
import { currentEventContext, currentEventScope } from './request-event-context.js';
import {
  TransactionalEventSinks,
  type UserKitEventRecord,
} from '../extension-points/transactional-event-sink.js';
import { logValue } from '../messages/log-value.js';

/** One event a change reports: its name and payload. */
export type UserKitEvent = {
  [Name in UserKitEventName]: { type: Name; payload: UserKitEventPayloads[Name] };
}[UserKitEventName];

/** Builds a typed event (`userKitEvent('user.deleted', { userId })`). */
export function userKitEvent<Name extends UserKitEventName>(
  type: Name,
  payload: UserKitEventPayloads[Name],
): UserKitEvent {
  return { type, payload } as UserKitEvent;
}

/** The part of @nestjs/event-emitter's EventEmitter2 the publisher uses. */
interface EventEmitterLike {
  emit(event: string, ...values: unknown[]): boolean;
}

/**
/**
 * A feature module's in-process listener of every event (the audit log). A returned promise is
 * waited for before the library's answer to the request that caused the event goes out (its
 * failure is logged, the request still succeeds).
 */
export type UserEventSubscriber = <Name extends UserKitEventName>(
  name: Name,
  event: UserKitEvents[Name],
) => void | Promise<void>;

/**
 * The events of the write path. `commit` runs a change and reports it: with a transactional sink
 * registered (a feature's outbox), the change and the sinks' rows are one transaction; then,
 * after the commit, each event is emitted in-process, with the request's context.
 *
 * Emits on the host's EventEmitter2 when the host imported `EventEmitterModule.forRoot()`; without
 * it nobody could listen (`@OnEvent` needs that module), so emitting is skipped. The package is an
 * optional peer: it is imported only here, at start, and its absence means no events. A listener
 * that throws is logged: the change it hears about is already committed and the request succeeds.
 * Feature modules subscribe in-process (`subscribe`). With neither, an event costs one check.
 */
@Injectable()
export class UserEventsPublisher implements OnModuleInit {
  private readonly logger = new Logger('UserKit');
  private emitter: EventEmitterLike | undefined;
  private readonly subscribers: UserEventSubscriber[] = [];

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

  /** A feature module's listener of every event; register it at start (`onModuleInit`). */
  subscribe(subscriber: UserEventSubscriber): void {
    this.subscribers.push(subscriber);
  }

  /** True when anyone listens: the request context is worth keeping only then. */
  get listening(): boolean {
    return this.emitter !== undefined || this.subscribers.length > 0;
  }

  /**
   * In-process only, with the request's context: what `commit` and `report` do after the commit.
   * Called directly for what no write carries (`signIn.failed`, `admin.action`), which the sinks
   * (the webhook outbox) therefore never see.
   */
  emit<Name extends UserKitEventName>(name: Name, payload: UserKitEventPayloads[Name]): void {
    if (!this.listening) return;
    const event = { ...payload, context: currentEventContext() } as UserKitEvents[Name];
    for (const subscriber of this.subscribers) this.deliver(name, event, subscriber);
    if (!this.emitter) return;
    try {
      this.emitter.emit(name, event);
    } catch (error) {
      this.logger.error(`A listener of ${name} failed: ${logValue(error)}`);
    }
  }

  private deliver<Name extends UserKitEventName>(
    name: Name,
    event: UserKitEvents[Name],
    subscriber: UserEventSubscriber,
  ): void {
    try {
      const written = subscriber(name, event);
      if (!written) return;
      const settled = written.catch((error: unknown) =>
        this.logger.error(`A subscriber of ${name} failed: ${logValue(error)}`),
      );
      currentEventScope()?.pending.push(settled);
    } catch (error) {
      this.logger.error(`A subscriber of ${name} failed: ${logValue(error)}`);
    }
  }
}

function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}
