import type { UserKitEventName } from '@userkit/user';

/** The users' and sessions' lifecycle events (the security events are tested on their own). */
export const LIFECYCLE_EVENTS: UserKitEventName[] = [
  'user.created',
  'user.updated',
  'user.deleted',
  'session.created',
  'session.revoked',
  'externalAccount.linked',
  'externalAccount.unlinked',
];
