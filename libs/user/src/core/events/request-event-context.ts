import { AsyncLocalStorage } from 'node:async_hooks';
import type { UserKitEventContext } from './user-kit-events.js';

/**
 * What the library's own request knows about its caller, for the events it causes; and the
 * writes of in-process subscribers (`UserEventsPublisher.subscribe`) the answer waits for.
 */
export interface RequestEventScope {
  readonly context: UserKitEventContext;
  readonly pending: Promise<unknown>[];
}

const NO_CONTEXT: UserKitEventContext = Object.freeze({
  actorId: null,
  actorSessionId: null,
  ip: null,
  userAgent: null,
});

const storage = new AsyncLocalStorage<RequestEventScope>();

export function newEventScope(context: UserKitEventContext): RequestEventScope {
  return { context, pending: [] };
}

/** Runs `work` (the rest of a request) in the scope; events emitted inside carry its context. */
export function runInEventScope<T>(scope: RequestEventScope, work: () => T): T {
  return storage.run(scope, work);
}

/** Waits for the subscribers' writes of the events the scope's request caused (none fail). */
export async function settleEventScope(scope: RequestEventScope): Promise<void> {
  while (scope.pending.length > 0) await Promise.all(scope.pending.splice(0));
}

export function currentEventScope(): RequestEventScope | undefined {
  return storage.getStore();
}

/** The current request's context; all null outside a request. */
export function currentEventContext(): UserKitEventContext {
  return storage.getStore()?.context ?? NO_CONTEXT;
}
