export interface ThrowawayRedis {
  url: string;
  /** Stops the server (its counters are gone: no persistence); start() brings it back. */
  shutdown(): Promise<void>;
  /** Starts an empty server again on the same port, after shutdown. */
  start(): Promise<void>;
  stop(): Promise<void>;
}
export function startThrowawayRedis(): Promise<ThrowawayRedis>;
