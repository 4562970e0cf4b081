import { BusNamespace, ContractViolation, validateEnvelope } from '#libs/contracts';
import type { ConsumerMessages, JetStreamClient, JsMsg } from '@nats-io/jetstream';
import type { DataSource } from 'typeorm';
import { backoffDelay } from './backoff.js';
import type { ConsumerSettings } from './consumer-settings.js';
import { publishDeadLetter, type DeadLetterReason } from './dead-letter.js';
import type { EventHandlerRegistration } from './handler.js';
import { handleInTransaction, type DeliveryOutcome, type ValidDelivery } from './inbox-transaction.js';
import { consoleLogger, describeError, type MessagingLogger } from './logger.js';
import { deadLetteredTotal, handledTotal } from './metrics.js';
import type { Outbox } from './outbox.js';

export interface EventConsumerOptions {
  js: JetStreamClient;
  dataSource: DataSource;
  namespace: BusNamespace;
  service: string;
  stream: string;
  durable: string;
  registration: EventHandlerRegistration;
  settings: ConsumerSettings;
  outbox: Outbox;
  logger?: MessagingLogger;
}

/**
 * Runs one handler on its durable pull consumer. Messages that arrive while a batch is being
 * handled wait in a local buffer and are committed together in the next transaction; if that
 * transaction fails, each message is retried in a transaction of its own, so one poison message
 * never blocks or duplicates the others. Acks only after commit; failures nak with backoff; the
 * last failed delivery goes to the dead-letter stream.
 */
export class EventConsumer {
  /** What this consumer did, for tests and benchmarks (the metrics carry the same per service). */
  readonly stats = { handled: 0, duplicates: 0, failed: 0, deadLettered: 0, largestBatch: 0, batchFallbacks: 0 };
  private messages: ConsumerMessages | undefined;
  private readonly buffer: JsMsg[] = [];
  private working: Promise<void> | undefined;
  private readonly logger: MessagingLogger;
  private readonly subject: string;

  constructor(private readonly options: EventConsumerOptions) {
    this.logger = options.logger ?? consoleLogger;
    this.subject = options.registration.subject;
  }

  async start(): Promise<void> {
    const consumer = await this.options.js.consumers.get(this.options.stream, this.options.durable);
    // Prefetch two batches so the next one is already here when a commit finishes.
    this.messages = await consumer.consume({
      max_messages: this.options.settings.batchSize * 2,
      callback: (msg) => this.enqueue(msg),
    });
  }

  /** Stops pulling, then finishes (and acks) what was already received. */
  async stop(): Promise<void> {
    await this.messages?.close();
    while (this.working) await this.working;
  }

  private enqueue(msg: JsMsg): void {
    this.buffer.push(msg);
    this.kick();
  }

  private kick(): void {
    if (this.working) return;
    this.working = this.drain().finally(() => {
      this.working = undefined;
      if (this.buffer.length) this.kick();
    });
  }

  private async drain(): Promise<void> {
    while (this.buffer.length) {
      const batch = this.buffer.splice(0, this.options.settings.batchSize);
      try {
        await this.handleBatch(batch);
      } catch (error) {
        // Nothing was acked: the server redelivers after ack_wait.
        this.logger.error(`consumer ${this.options.durable} lost a batch: ${describeError(error)}`);
      }
    }
  }

  private async handleBatch(batch: JsMsg[]): Promise<void> {
    const valid: ValidDelivery[] = [];
    for (const msg of batch) {
      try {
        valid.push({ msg, envelope: validateEnvelope(this.subject, decode(msg, this.subject)) });
      } catch (error) {
        if (!(error instanceof ContractViolation)) throw error;
        // Redelivering a message that breaks its contract cannot help: straight to dead letters.
        await this.deadLetter(msg, 'CONTRACT_VIOLATION', error);
      }
    }
    if (valid.length > 1) {
      try {
        const outcomes = await handleInTransaction(this.transactionOptions(), valid);
        valid.forEach((delivery, i) => this.acknowledge(delivery, outcomes[i]));
        this.stats.largestBatch = Math.max(this.stats.largestBatch, valid.length);
        return;
      } catch {
        // Fall through: find the message that failed by handling each on its own.
        this.stats.batchFallbacks += 1;
      }
    }
    for (const delivery of valid) await this.handleAlone(delivery);
  }

  private async handleAlone(delivery: ValidDelivery): Promise<void> {
    try {
      const [outcome] = await handleInTransaction(this.transactionOptions(), [delivery]);
      this.acknowledge(delivery, outcome);
    } catch (error) {
      await this.failed(delivery.msg, error);
    }
  }

  private acknowledge({ msg }: ValidDelivery, outcome: DeliveryOutcome): void {
    msg.ack();
    if (outcome === 'handled') this.stats.handled += 1;
    else this.stats.duplicates += 1;
    handledTotal.inc({ service: this.options.service, subject: this.subject, outcome });
  }

  private async failed(msg: JsMsg, error: unknown): Promise<void> {
    const deliveryCount = msg.info.deliveryCount;
    this.stats.failed += 1;
    handledTotal.inc({ service: this.options.service, subject: this.subject, outcome: 'failed' });
    if (deliveryCount >= this.options.settings.maxDeliver) {
      await this.deadLetter(msg, 'MAX_DELIVER', error);
      return;
    }
    this.logger.warn(
      `handler for ${this.subject} failed on delivery ${deliveryCount} (${describeError(error)}); retrying`,
    );
    msg.nak(backoffDelay(deliveryCount, this.options.settings.backoff));
  }

  private async deadLetter(msg: JsMsg, reason: DeadLetterReason, error: unknown): Promise<void> {
    const message = describeError(error);
    try {
      await publishDeadLetter(this.options.js, msg, {
        namespace: this.options.namespace,
        subject: this.subject,
        consumer: this.options.durable,
        reason,
        error: message,
      });
    } catch (publishError) {
      // The server's max_deliver leaves headroom above ours, so a later delivery tries again.
      this.logger.error(`could not dead-letter a ${this.subject} message: ${describeError(publishError)}`);
      msg.nak(backoffDelay(msg.info.deliveryCount, this.options.settings.backoff));
      return;
    }
    // No reason argument: `+TERM <reason>` needs server 2.10.
    msg.term();
    this.stats.deadLettered += 1;
    deadLetteredTotal.inc({ service: this.options.service, subject: this.subject, reason });
    this.logger.error(`dead-lettered a ${this.subject} message (${reason}): ${message}`);
  }

  private transactionOptions() {
    const { dataSource, durable, registration, outbox } = this.options;
    const { handle, lockOrder } = registration;
    return { dataSource, consumer: durable, subject: this.subject, handle, lockOrder, outbox };
  }
}

function decode(msg: JsMsg, subject: string): unknown {
  try {
    return msg.json();
  } catch {
    throw new ContractViolation('BAD_ENVELOPE', subject, 'payload is not JSON');
  }
}
