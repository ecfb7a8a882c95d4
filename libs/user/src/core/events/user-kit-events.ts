/**
 * Events the library emits through @nestjs/event-emitter, always after the change is committed
 * (a rolled-back change emits nothing). Listen with `@OnEvent('user.created')` in the host.
 */
export interface UserKitEvents {
  'user.created': { userId: string; isAnonymous: boolean };
  /** `changes` names what changed: fields (`firstName`, `customAttributes.plan`, `roles`, `banned`, ...). */
  'user.updated': { userId: string; changes: string[] };
  'user.deleted': { userId: string };
  'session.created': { userId: string; sessionId: string };
  /** `sessionId` is null when every session of the user was revoked at once. */
  'session.revoked': { userId: string; sessionId: string | null; reason: string };
  /** A provider account became a way into an existing user (a link, or a sign-in that linked by email). */
  'externalAccount.linked': { userId: string; provider: string; providerUserId: string };
}

export type UserKitEventName = keyof UserKitEvents;

export const USER_KIT_EVENT_NAMES: readonly UserKitEventName[] = [
  'user.created',
  'user.updated',
  'user.deleted',
  'session.created',
  'session.revoked',
  'externalAccount.linked',
];
