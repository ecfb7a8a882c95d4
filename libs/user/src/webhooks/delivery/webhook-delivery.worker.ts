import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { logValue } from '../../core/messages/log-value.js';
import { WEBHOOKS_OPTIONS, type ResolvedWebhooksOptions } from '../options/webhooks-options.js';
import {
  WebhookDeliveriesRepository,
  type ClaimedDelivery,
} from '../repositories/webhook-deliveries.repository.js';
import { nextRetryAt } from './retry-schedule.js';
import { signWebhook } from './webhook-signature.js';
import { WebhookSender } from './webhook-sender.js';

/** Deliveries one worker sends at once. */
const BATCH = 16;
/** How often an idle worker looks for due deliveries (a commit on this instance wakes it at once). */
const POLL_MS = 1000;
/** How often delivered messages past the retention are pruned. */
const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * Sends the outbox, on every instance: claims due deliveries under a lease (the attempt's timeout
 * plus a margin, so a lease outlives any attempt of a live worker), sends each signed, records
 * the outcome, and goes on while there is work. A worker that dies leaves its leases to run out:
 * another instance's worker claims them then, and the receiver may see that message twice (the
 * same `webhook-id`: at least once, deduplicated by the receiver).
 */
@Injectable()
export class WebhookDeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('UserKit');
  /** Names this worker's leases: host, process and a random part (two apps in one process differ). */
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly sender: WebhookSender;
  private readonly leaseMs: number;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private woken = false;
  private lastPrune = 0;

  constructor(
    @Inject(WEBHOOKS_OPTIONS) private readonly options: ResolvedWebhooksOptions,
    private readonly deliveries: WebhookDeliveriesRepository,
  ) {
    this.sender = new WebhookSender(options.allowPrivateNetworks, options.timeoutMs);
    this.leaseMs = options.timeoutMs + 5000;
  }

  onApplicationBootstrap(): void {
    if (!this.options.deliver) return;
    this.loop = this.run();
  }

  /** Before the ORM closes its connections: the attempts under way finish and are recorded. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.loop;
    this.sender.close();
  }

  /** Something was committed on this instance: look now rather than at the next poll. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let claimed = 0;
      try {
        claimed = await this.deliverDue();
        await this.pruneNowAndThen();
      } catch (error) {
        this.logger.warn(`Webhook delivery paused: ${logValue(error)}`);
      }
      if (claimed === 0 && !this.stopped) await this.idle();
    }
  }

  private idle(): Promise<void> {
    if (this.woken) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(finish, POLL_MS);
      this.wakeUp = finish;
    });
  }

  /** One claim and its attempts: the number claimed. */
  private async deliverDue(): Promise<number> {
    this.woken = false;
    const claimed = await this.deliveries.claim(this.owner, new Date(), this.leaseMs, BATCH);
    await Promise.all(claimed.map((delivery) => this.attempt(delivery)));
    return claimed.length;
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const timestamp = Math.floor(Date.now() / 1000);
    const outcome = await this.sender.send({
      url: delivery.url,
      body: delivery.body,
      headers: {
        'webhook-id': delivery.messageId,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook(
          delivery.secrets,
          delivery.messageId,
          timestamp,
          delivery.body,
        ),
      },
    });
    const at = new Date();
    await this.deliveries.complete(delivery, this.owner, {
      ...outcome,
      at,
      retryAt: outcome.ok ? null : nextRetryAt(this.options.retryScheduleMs, delivery.attempts, at),
    });
  }

  private async pruneNowAndThen(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    const before = new Date(now - this.options.retentionDays * 86_400_000);
    while ((await this.deliveries.prune(before, 1000)) === 1000 && !this.stopped);
  }
}
