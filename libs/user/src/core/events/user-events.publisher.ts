import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { UserKitEventName, UserKitEvents } from './user-kit-events.js';
import { logValue } from '../messages/log-value.js';

/** The part of @nestjs/event-emitter's EventEmitter2 the publisher uses. */
interface EventEmitterLike {
  emit(event: string, ...values: unknown[]): boolean;
}

/**
 * Emits on the host's EventEmitter2 when the host imported `EventEmitterModule.forRoot()`; without
 * it nobody could listen (`@OnEvent` needs that module), so emitting is skipped. The package is an
 * optional peer: it is imported only here, at start, and its absence means no events. A listener
 * that throws is logged: the change it hears about is already committed and the request succeeds.
 */
@Injectable()
export class UserEventsPublisher implements OnModuleInit {
  private readonly logger = new Logger('UserKit');
  private emitter: EventEmitterLike | undefined;

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
