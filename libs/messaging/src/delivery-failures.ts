import type { BusNamespace } from '#libs/contracts';
import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { backoffDelay } from './backoff.js';
import type { ConsumerSettings } from './consumer-settings.js';
import { publishDeadLetter, type DeadLetterReason } from './dead-letter.js';
import { describeError, type MessagingLogger } from './logger.js';
import { deadLetteredTotal, handledTotal } from './metrics.js';

export interface DeliveryFailuresOptions {
  js: JetStreamClient;
  namespace: BusNamespace;
  service: string;
  subject: string;
  durable: string;
  settings: ConsumerSettings;
  logger: MessagingLogger;
  /** The consumer's counters, updated here. */
  stats: { failed: number; deadLettered: number };
}

/**
 * What a consumer does with a message its handler failed on: nak with backoff, or, on delivery number
 * `maxDeliver`, move it to the dead-letter stream. Only the handler's own failures come here; the
 * infrastructure's (an unavailable database, a lost race) are retried without spending a delivery.
 */
export class DeliveryFailures {
  constructor(private readonly options: DeliveryFailuresOptions) {}

  async failed(msg: JsMsg, error: unknown): Promise<void> {
    const deliveryCount = msg.info.deliveryCount;
    this.options.stats.failed += 1;
    handledTotal.inc({ ...this.labels(), outcome: 'failed' });
    if (deliveryCount >= this.options.settings.maxDeliver) {
      await this.deadLetter(msg, 'MAX_DELIVER', error);
      return;
    }
    this.options.logger.warn(
      `handler for ${this.options.subject} failed on delivery ${deliveryCount} (${describeError(error)}); retrying`,
    );
    msg.nak(backoffDelay(deliveryCount, this.options.settings.backoff));
  }

  async deadLetter(msg: JsMsg, reason: DeadLetterReason, error: unknown): Promise<void> {
    const message = describeError(error);
    try {
      await publishDeadLetter(this.options.js, msg, {
        namespace: this.options.namespace,
        subject: this.options.subject,
        consumer: this.options.durable,
        reason,
        error: message,
      });
    } catch (publishError) {
      // The server's max_deliver leaves headroom above ours, so a later delivery tries again.
      this.options.logger.error(
        `could not dead-letter a ${this.options.subject} message: ${describeError(publishError)}`,
      );
      msg.nak(backoffDelay(msg.info.deliveryCount, this.options.settings.backoff));
      return;
    }
    // No reason argument: `+TERM <reason>` needs server 2.10.
    msg.term();
    this.options.stats.deadLettered += 1;
    deadLetteredTotal.inc({ ...this.labels(), reason });
    this.options.logger.error(`dead-lettered a ${this.options.subject} message (${reason}): ${message}`);
  }

  private labels() {
    return { service: this.options.service, subject: this.options.subject };
  }
}

/** Messages a batch left unsettled because the database was unavailable, and that failure. */
export interface Unsettled {
  msgs: JsMsg[];
  cause?: unknown;
}
