import type { INestApplication } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { UserKitEventContext, UserKitEventName } from '@userkit/user';

export interface HeardEvent {
  name: UserKitEventName;
  payload: Record<string, unknown>;
  context: UserKitEventContext;
}

/** Records the named events the app emits (through the host's EventEmitter2), in order. */
export function hearEvents(app: INestApplication, names: UserKitEventName[]): HeardEvent[] {
  const heard: HeardEvent[] = [];
  const emitter = app.get(EventEmitter2);
  for (const name of names)
    emitter.on(name, ({ context, ...payload }: Record<string, unknown>) => {
      heard.push({ name, payload, context: context as UserKitEventContext });
    });
  return heard;
}
