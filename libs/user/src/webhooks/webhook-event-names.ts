import {
  IN_PROCESS_ONLY_EVENT_NAMES,
  USER_KIT_EVENT_NAMES,
  type UserKitEventName,
} from '../core/events/user-kit-events.js';

/**
 * The events a webhook can carry: those of a write (recorded in its transaction). A refused
 * sign-in and the admin's request record write nothing, so they reach in-process listeners (the
 * audit log) only.
 */
export const WEBHOOK_EVENT_NAMES: readonly UserKitEventName[] = USER_KIT_EVENT_NAMES.filter(
  (name) => !IN_PROCESS_ONLY_EVENT_NAMES.has(name),
);
