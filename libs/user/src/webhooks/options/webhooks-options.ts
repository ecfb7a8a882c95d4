import type { UserKitEventName } from '../../core/events/user-kit-events.js';
import { WEBHOOK_EVENT_NAMES } from '../webhook-event-names.js';
import { isWebhookSecret } from '../delivery/webhook-signature.js';

/** An endpoint given in the options: listed by `/admin/webhooks`, changed only in code. */
export interface WebhookEndpointOptions {
  /** `https://…` (or `http://…`); a loopback or private address only with `allowPrivateNetworks`. */
  url: string;
  /** The signing secret, `whsec_` and base64 of 24 to 64 random bytes (Standard Webhooks). */
  secret: string;
  /** The events it receives (names of UserKitEvents); omitted or empty: every event. */
  events?: UserKitEventName[];
}

/** Options of UserWebhooksModule.forRoot() (or the factory of forRootAsync). */
export interface UserWebhooksModuleOptions {
  /** Endpoints from code, beside those made through `/admin/webhooks`. */
  endpoints?: WebhookEndpointOptions[];
  /**
   * Deliver to loopback, private, link-local and other non-public addresses (development and
   * tests). Off by default: such a destination is refused when it is set and when it is called
   * (checked on the address the name resolves to at connect time, so DNS rebinding cannot reach
   * one either).
   */
  allowPrivateNetworks?: boolean;
  /**
   * Seconds to wait before each retry after a failed attempt (±20 % jitter); after the last one
   * the delivery is dead-lettered (`failed`). Default: 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h,
   * 4 h, 6 h, 6 h: about 20 h in all, never past 24 h with the jitter.
   */
  retrySchedule?: number[];
  /** Seconds an attempt may take before it counts as failed (default 10). */
  timeoutSeconds?: number;
  /** Deliver from this instance (default true); false: only write the outbox (another instance delivers). */
  deliver?: boolean;
  /** Days the delivered and dead-lettered messages are kept for the delivery log (default 7). */
  retentionDays?: number;
}

/** The options after defaults. */
export interface ResolvedWebhooksOptions {
  endpoints: { url: string; secret: string; events: UserKitEventName[] }[];
  allowPrivateNetworks: boolean;
  retryScheduleMs: number[];
  timeoutMs: number;
  deliver: boolean;
  retentionDays: number;
}

/** The resolved options (ResolvedWebhooksOptions). */
export const WEBHOOKS_OPTIONS = Symbol('UserKit.WebhooksOptions');

export const DEFAULT_RETRY_SCHEDULE_SECONDS = [
  5, 30, 120, 600, 1800, 3600, 7200, 14400, 21600, 21600,
];

/** Defaults and checks: throws at start-up, listing every option the module cannot use. */
export function resolveWebhooksOptions(
  options: UserWebhooksModuleOptions | undefined,
): ResolvedWebhooksOptions {
  const problems: string[] = [];
  const given = options ?? {};
  const endpoints = (given.endpoints ?? []).map((endpoint, index) => {
    const at = `endpoints[${index}]`;
    if (typeof endpoint?.url !== 'string' || !/^https?:\/\//i.test(endpoint.url))
      problems.push(`${at}.url must be an http(s) URL`);
    else {
      try {
        new URL(endpoint.url);
      } catch {
        problems.push(`${at}.url must be an http(s) URL`);
      }
    }
    if (!isWebhookSecret(endpoint?.secret))
      problems.push(`${at}.secret must be whsec_ followed by base64 of 24 to 64 bytes`);
    const events = endpoint?.events ?? [];
    if (!Array.isArray(events) || events.some((name) => !WEBHOOK_EVENT_NAMES.includes(name)))
      problems.push(`${at}.events must list event names among ${WEBHOOK_EVENT_NAMES.join(', ')}`);
    return { url: endpoint?.url, secret: endpoint?.secret, events: [...new Set(events)] };
  });
  const schedule = given.retrySchedule ?? DEFAULT_RETRY_SCHEDULE_SECONDS;
  if (
    !Array.isArray(schedule) ||
    schedule.some((seconds) => typeof seconds !== 'number' || !(seconds >= 0) || seconds > 86_400)
  )
    problems.push('retrySchedule must be a list of seconds between 0 and 86400');
  const timeoutSeconds = given.timeoutSeconds ?? 10;
  if (typeof timeoutSeconds !== 'number' || !(timeoutSeconds > 0) || timeoutSeconds > 60)
    problems.push('timeoutSeconds must be a number of seconds above 0 and at most 60');
  const retentionDays = given.retentionDays ?? 7;
  if (!Number.isInteger(retentionDays) || retentionDays < 1)
    problems.push('retentionDays must be a whole number of days, at least 1');
  if (problems.length > 0)
    throw new Error(`Invalid UserWebhooksModule options:\n - ${problems.join('\n - ')}`);
  return {
    endpoints,
    allowPrivateNetworks: given.allowPrivateNetworks === true,
    retryScheduleMs: schedule.map((seconds) => Math.round(seconds * 1000)),
    timeoutMs: Math.round(timeoutSeconds * 1000),
    deliver: given.deliver !== false,
    retentionDays,
  };
}
