import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { UserKitEventName, UserKitEventPayloads, UserKitEvents } from './user-kit-events.js';
import { currentEventContext, currentEventScope } from './request-event-context.js';
import { logValue } from '../messages/log-value.js';

/** The part of @nestjs/event-emitter's EventEmitter2 the publisher uses. */
interface EventEmitterLike {
  emit(event: string, ...values: unknown[]): boolean;
}

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

  constructor(private readonly moduleRef: ModuleRef) {}

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
