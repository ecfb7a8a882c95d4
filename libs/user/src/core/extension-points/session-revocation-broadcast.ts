/**
 * Stateless sessions (`sessionValidation: 'stateless'`) only: carries the ids of ended sessions
 * to every app instance, each of which then refuses their access tokens until those expire.
 * Best effort by design: a message lost (the broker down, an instance reconnecting) leaves that
 * instance with the revocation window (`accessTokenTtlSeconds`); the database still refuses the
 * session's next refresh. `RedisSessionRevocationBroadcast` is the built-in one.
 */
export interface SessionRevocationBroadcast {
  /** Sends the ids to every instance, this one included. */
  publish(sessionIds: readonly string[]): Promise<void>;
  /**
   * Calls `listener` with the ids of every message from now on, until the returned function is
   * called (at shutdown).
   */
  subscribe(listener: (sessionIds: string[]) => void): Promise<() => Promise<void>>;
}
