export interface ThrowawayPostgres {
  /** postgresql://postgres:postgres@127.0.0.1:PORT/postgres */
  url: string;
  port: number;
  /** pg_ctl's "fast" shutdown: open transactions roll back, clients are disconnected. */
  fastShutdown(): Promise<void>;
  /** Starts the server again on the same port and data, after fastShutdown. */
  start(): Promise<void>;
  /** Stops the server and removes its data. */
  stop(): Promise<void>;
}
/** `fsync: true` makes commits durable as in production; off (the default) is faster. */
export function startThrowawayPostgres(options?: { fsync?: boolean }): Promise<ThrowawayPostgres>;
