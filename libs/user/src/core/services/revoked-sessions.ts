import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { ResolvedUserOptions } from '../options/resolved-options.js';
import { USER_OPTIONS } from '../tokens.js';

/** Clock skew allowed beyond an access token's lifetime before its session leaves the set. */
const SKEW_MS = 5_000;
/** Expired entries are swept at most this often (on the next addition). */
const SWEEP_INTERVAL_MS = 1_000;

/**
 * Stateless sessions with a `sessionRevocationBroadcast`: the sessions ended lately, anywhere, as
 * this instance heard of them. An access token lives at most `accessTokenTtlSeconds`, so an id
 * stays only that long (plus skew): the set is as small as the revocations of one token lifetime.
 * The guard's question is one Map lookup; listening happens beside requests, never in them.
 */
@Injectable()
export class RevokedSessions implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly endedUntil = new Map<string, number>();
  private readonly keepMs: number;
  private nextSweepAt = 0;
  private unsubscribe: (() => Promise<void>) | undefined;
  private readonly logger = new Logger('UserKit');

  constructor(@Inject(USER_OPTIONS) private readonly options: ResolvedUserOptions) {
    this.keepMs = options.accessTokenTtlSeconds * 1000 + SKEW_MS;
  }

  /** Whether broadcasts are on: revocations are then published and checked. */
  get broadcasting(): boolean {
    return this.options.sessionRevocationBroadcast !== undefined;
  }

  has(sessionId: string): boolean {
    if (this.endedUntil.size === 0) return false;
    const until = this.endedUntil.get(sessionId);
    if (until === undefined) return false;
    if (until > Date.now()) return true;
    this.endedUntil.delete(sessionId);
    return false;
  }

  add(sessionIds: readonly string[]): void {
    const now = Date.now();
    if (now >= this.nextSweepAt) {
      this.nextSweepAt = now + SWEEP_INTERVAL_MS;
      for (const [id, until] of this.endedUntil) if (until <= now) this.endedUntil.delete(id);
    }
    for (const id of sessionIds) this.endedUntil.set(id, now + this.keepMs);
  }

  /**
   * Refuses the sessions here at once and tells the other instances, without waiting for the
   * broker: a failure is logged, and those instances keep the revocation window.
   */
  announce(sessionIds: readonly string[]): void {
    const broadcast = this.options.sessionRevocationBroadcast;
    if (!broadcast || sessionIds.length === 0) return;
    this.add(sessionIds);
    broadcast.publish(sessionIds).catch((error: unknown) => {
      this.logger.warn(
        `Session revocation broadcast failed (${messageOf(error)}): other instances accept the ended sessions' access tokens until they expire`,
      );
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const broadcast = this.options.sessionRevocationBroadcast;
    if (!broadcast) return;
    try {
      this.unsubscribe = await broadcast.subscribe((ids) => this.add(ids));
    } catch (error) {
      // Best effort: the app serves on, with the revocation window for other instances' logouts.
      this.logger.warn(
        `Could not listen to the session revocation broadcast (${messageOf(error)}): sessions ended on other instances stay usable until their access tokens expire`,
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.unsubscribe?.().catch(() => undefined);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
