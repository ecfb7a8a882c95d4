import type { Server, ServerResponse } from 'node:http';
import { Logger, type INestApplication } from '@nestjs/common';

export interface GracefulShutdownOptions {
  /**
   * After SIGTERM, how long the app keeps serving while its readiness check answers 503, so the
   * load balancer stops sending before the listener closes. Default 5000 ms (a few readiness
   * periods of a typical balancer); SIGINT (Ctrl-C) skips it.
   */
  readinessDelayMs?: number;
  /**
   * The whole shutdown, from the signal to the exit: past it the process exits with code 1 even
   * if requests are still open. Keep it under the orchestrator's own (Kubernetes'
   * terminationGracePeriodSeconds, 30 s by default). Default 25000 ms.
   */
  gracePeriodMs?: number;
}

/**
 * Stops an instance without failing a request. On SIGTERM: `draining` turns true (the host's
 * readiness check answers 503 on it), the app keeps serving for `readinessDelayMs`, then the
 * listener closes, requests in flight finish (their connections close after the answer instead
 * of being kept alive), the app closes (its shutdown hooks: database pools, Redis) and the process
 * exits 0, or 1 once `gracePeriodMs` has passed.
 *
 * Not a Nest provider of the library: the host provides one instance (its readiness check injects
 * it) and calls `handleSignals(app)` in main.ts, instead of `app.enableShutdownHooks()`.
 */
export class GracefulShutdown {
  readonly readinessDelayMs: number;
  readonly gracePeriodMs: number;
  private drainingSince: number | null = null;
  private closing = false;
  private readonly logger = new Logger('Shutdown');
  /** Answers under way, to be told to close their connection when closing begins. */
  private readonly openResponses = new Set<ServerResponse>();
  private tracked: Server | null = null;

  constructor(options: GracefulShutdownOptions = {}) {
    this.readinessDelayMs = options.readinessDelayMs ?? 5000;
    this.gracePeriodMs = options.gracePeriodMs ?? 25_000;
    for (const [name, value] of Object.entries({
      readinessDelayMs: this.readinessDelayMs,
      gracePeriodMs: this.gracePeriodMs,
    })) {
      if (!Number.isInteger(value) || value < 0)
        throw new Error(`GracefulShutdown: ${name} must be an integer of at least 0, got ${value}`);
    }
    if (this.gracePeriodMs <= this.readinessDelayMs)
      throw new Error('GracefulShutdown: gracePeriodMs must be longer than readinessDelayMs');
  }

  /** True from the signal on: readiness checks answer 503 so balancers take the instance out. */
  get draining(): boolean {
    return this.drainingSince !== null;
  }

  /**
   * Installs the SIGTERM and SIGINT handlers (once, after `app.listen()`): each runs `drain` and
   * exits the process when it is done or when the grace period is over. A second signal ends the
   * process at once (Node's default), as an operator pressing Ctrl-C twice expects.
   */
  handleSignals(app: INestApplication): void {
    this.trackResponses(app);
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        const overdue = setTimeout(() => {
          this.logger.error(
            `Still closing ${this.gracePeriodMs} ms after ${signal}: exiting with requests open`,
          );
          process.exit(1);
        }, this.gracePeriodMs);
        this.drain(app, signal === 'SIGTERM' ? this.readinessDelayMs : 0).then(
          () => {
            clearTimeout(overdue);
            process.exit(0);
          },
          (error: unknown) => {
            this.logger.error(`Shutdown failed: ${String(error)}`);
            process.exit(1);
          },
        );
      });
    }
  }

  /**
   * The shutdown without the exit: readiness 503, `readinessDelayMs` of service, then the listener
   * closes, open requests finish, and `app.close()` runs. Once only; later calls return at once.
   */
  async drain(app: INestApplication, readinessDelayMs = this.readinessDelayMs): Promise<void> {
    if (this.drainingSince !== null) return;
    this.drainingSince = Date.now();
    this.trackResponses(app);
    this.logger.log(`Draining: readiness answers 503, closing in ${readinessDelayMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, readinessDelayMs));
    this.closing = true;
    const server = app.getHttpServer() as Server;
    for (const response of this.openResponses) {
      if (!response.headersSent) response.shouldKeepAlive = false;
    }
    // A kept-alive connection whose answer went out before `closing` idles: close those as they
    // appear, else server.close() would wait for their keep-alive timeout.
    const sweeper = setInterval(() => server.closeIdleConnections(), 100);
    try {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    } finally {
      clearInterval(sweeper);
    }
    await app.close();
    this.logger.log(`Closed ${Date.now() - this.drainingSince} ms after the signal`);
  }

  /** Answers started before closing are told to close their connection once they are sent. */
  private trackResponses(app: INestApplication): void {
    const server = app.getHttpServer() as Server;
    if (this.tracked === server) return;
    this.tracked = server;
    server.on('request', (_request, response: ServerResponse) => {
      if (this.closing) {
        response.shouldKeepAlive = false;
        return;
      }
      this.openResponses.add(response);
      response.once('close', () => this.openResponses.delete(response));
    });
  }
}
