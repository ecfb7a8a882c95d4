/**
 * A TCP relay on 127.0.0.1 between an app and its database: cut the line and mend it as a network
 * or a database restart would, or slow it down (`delayMs` per round trip).
 */
export class TcpRelay {
  constructor(targetHost: string, targetPort: number);
  /** Milliseconds added to every round trip (0 by default); may change while connections are open. */
  delayMs: number;
  port: number;
  /** Listens on `port` (0: a free one) and returns it. */
  start(port?: number): Promise<number>;
  /** Drops every open connection and refuses new ones. */
  cut(): Promise<void>;
  /** Listens again on the same port. */
  restore(): Promise<void>;
  stop(): Promise<void>;
}
