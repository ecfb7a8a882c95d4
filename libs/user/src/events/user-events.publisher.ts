import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { UserKitEventName, UserKitEvents } from './user-kit-events.js';
import { logValue } from '../messages/log-value.js';

/**
 * Emits on the host's EventEmitter2 when the host imported `EventEmitterModule.forRoot()`; without
 * it nobody could listen (`@OnEvent` needs that module), so emitting is skipped. A listener that
 * throws is logged: the change it hears about is already committed and the request succeeds.
 */
@Injectable()
export class UserEventsPublisher {
  private readonly logger = new Logger('UserKit');

  constructor(@Optional() @Inject(EventEmitter2) private readonly emitter?: EventEmitter2) {}

  emit<Name extends UserKitEventName>(name: Name, payload: UserKitEvents[Name]): void {
    if (!this.emitter) return;
    try {
      this.emitter.emit(name, payload);
    } catch (error) {
      this.logger.error(`A listener of ${name} failed: ${logValue(error)}`);
    }
  }
}
