import { BusNamespace } from '#libs/contracts';
import { databaseFailureKind } from '#libs/persistence';
import type { Consumer, ConsumerMessages, JetStreamClient, JsMsg } from '@nats-io/jetstream';
import type { DataSource } from 'typeorm';
import { retryOnConflict } from './conflict-retry.js';
import type { ConsumerHealth } from './consumer-health.js';
import { watchConsumerBacklog, type ConsumerBacklog } from './consumer-backlog-gauge.js';
import { ConsumerPause } from './consumer-pause.js';
import type { ConsumerSettings } from './consumer-settings.js';
import { DeliveryFailures, type Unsettled } from './delivery-failures.js';
import { gatherBatch } from './gather.js';
import type { EventHandlerRegistration } from './handler.js';
import { handleInTransaction, type DeliveryOutcome, type ValidDelivery } from './inbox-transaction.js';
import { consoleLogger, describeError, type MessagingLogger } from './logger.js';
import { handledTotal, infrastructureRetriesTotal } from './metrics.js';
import type { Outbox } from './outbox.js';
import { validDeliveries } from './valid-deliveries.js';

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
  /** Told while this consumer is paused on an unavailable database (readiness). */
  health?: ConsumerHealth;
}

/**
 * Runs one handler on its durable pull consumer. Messages that arrive while a batch is being
 * handled wait in a local buffer and are committed together in the next transaction; if that
 * transaction fails, each message is retried in a transaction of its own, so one poison message
 * never blocks or duplicates the others. Acks only after commit; failures of the handler nak with
 * backoff; the last failed delivery goes to the dead-letter stream. Failures of the infrastructure
 * spend no delivery: a lost race is retried at once (`retryOnConflict`), an unavailable database
 * pauses the consumer with its messages held until it answers (`ConsumerPause`). A registration's
 * gather step runs for the whole batch before its transaction opens, and fails like the handler; a batch
 * handler (`handleBatch`) gets the batch's fresh deliveries at once, and each alone on the fallback.
 */
export class EventConsumer {
  /** What this consumer did, for tests and benchmarks (the metrics carry the same per service). */
  readonly stats = { handled: 0, duplicates: 0, failed: 0, deadLettered: 0, largestBatch: 0, batchFallbacks: 0 };
  private consumer: Consumer | undefined;
  private messages: ConsumerMessages | undefined;
  private readonly buffer: JsMsg[] = [];
  private working: Promise<void> | undefined;
  private readonly logger: MessagingLogger;
  private readonly subject: string;
  private readonly pause: ConsumerPause;
  private readonly failures: DeliveryFailures;
  private unwatchBacklog: (() => void) | undefined;

  constructor(private readonly options: EventConsumerOptions) {
    this.logger = options.logger ?? consoleLogger;
    this.subject = options.registration.subject;
    this.failures = new DeliveryFailures({ ...options, subject: this.subject, logger: this.logger, stats: this.stats });
    this.pause = new ConsumerPause({
      ...options,
      subject: this.subject,
      ackWaitMs: options.settings.ackWaitMs,
      stopPulling: () => this.stopPulling(),
      startPulling: () => this.startPulling(),
      held: () => this.buffer,
      logger: this.logger,
    });
  }

  async start(): Promise<void> {
    this.consumer = await this.options.js.consumers.get(this.options.stream, this.options.durable);
    await this.startPulling();
    this.unwatchBacklog = watchConsumerBacklog(this);
  }

  /** The consumer's backlog as JetStream reports it now (for `/metrics`). */
  async backlog(): Promise<ConsumerBacklog> {
    if (!this.consumer) throw new Error(`consumer ${this.options.durable} was not started`);
    const info = await this.consumer.info(false);
    return {
      service: this.options.service,
      subject: this.subject,
      pending: info.num_pending,
      ackPending: info.num_ack_pending,
    };
  }

  /** True while paused on an unavailable database. */
  isPaused(): boolean {
    return this.pause.isPaused();
  }

  /**
   * Stops pulling, then finishes (and acks) what was already received. While paused on an outage it
   * does not wait for the database: the held messages stay unacked and come back after ack_wait.
   */
  async stop(): Promise<void> {
    this.unwatchBacklog?.();
    await this.stopPulling();
    this.pause.abort();
    while (this.working) await this.working;
  }

  private async startPulling(): Promise<void> {
    if (!this.consumer) throw new Error(`consumer ${this.options.durable} was not started`);
    // Prefetch two batches so the next one is already here when a commit finishes.
    this.messages = await this.consumer.consume({
      max_messages: this.options.settings.batchSize * 2,
      callback: (msg) => this.enqueue(msg),
    });
  }

  private async stopPulling(): Promise<void> {
    const messages = this.messages;
    this.messages = undefined;
    await messages?.close();
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
      let held: Unsettled = { msgs: [] };
      try {
        held = await this.handleBatch(batch);
      } catch (error) {
        // Nothing was acked: the server redelivers after ack_wait.
        this.logger.error(`consumer ${this.options.durable} lost a batch: ${describeError(error)}`);
      }
      if (!held.msgs.length) continue;
      this.buffer.unshift(...held.msgs);
      if (!(await this.pause.waitOut(held.cause))) {
        // Stopping during an outage: leave the messages unacked; the server redelivers them after
        // ack_wait, as after a crash. (A nak would be sooner, but NATS 2.9 loses track of one message
        // of a group naked while no pull is waiting, until its ack_wait anyway.)
        this.buffer.splice(0);
      }
    }
  }

  /** Handles a batch; returns the messages left unsettled because the database was unavailable. */
  private async handleBatch(batch: JsMsg[]): Promise<Unsettled> {
    const valid = await validDeliveries(batch, this.subject, this.failures);
    const { dataSource, durable: consumer, registration } = this.options;
    const gathered = await gatherBatch(
      { dataSource, subject: this.subject, consumer, registration },
      valid,
      this.failures,
    );
    if ('unsettled' in gathered) return gathered.unsettled;
    return this.commitBatch(gathered.ready);
  }

  /** Commits the deliveries in one transaction, else each in its own to find the one that fails. */
  private async commitBatch(valid: ValidDelivery[]): Promise<Unsettled> {
    if (valid.length > 1) {
      try {
        const outcomes = await this.commit(valid);
        valid.forEach((delivery, i) => this.acknowledge(delivery, outcomes[i]));
        this.stats.largestBatch = Math.max(this.stats.largestBatch, valid.length);
        return { msgs: [] };
      } catch (error) {
        if (databaseFailureKind(error) === 'unavailable') return { msgs: valid.map(({ msg }) => msg), cause: error };
        // Fall through: find the message that failed by handling each on its own.
        this.stats.batchFallbacks += 1;
      }
    }
    for (const [i, delivery] of valid.entries()) {
      try {
        const [outcome] = await this.commit([delivery]);
        this.acknowledge(delivery, outcome);
      } catch (error) {
        if (databaseFailureKind(error) === 'unavailable')
          return { msgs: valid.slice(i).map(({ msg }) => msg), cause: error };
        await this.failures.failed(delivery.msg, error);
      }
    }
    return { msgs: [] };
  }

  /**
   * One transaction for the deliveries; a lost race is retried at once, without spending a delivery (and
   * without gathering again: the gathered values travel with the deliveries).
   */
  private async commit(deliveries: ValidDelivery[]): Promise<DeliveryOutcome[]> {
    const labels = { service: this.options.service, subject: this.subject, kind: 'conflict' };
    const outcomes = await retryOnConflict(
      () => handleInTransaction(this.transactionOptions(), deliveries),
      undefined,
      () => infrastructureRetriesTotal.inc(labels),
    );
    this.pause.succeeded();
    return outcomes;
  }

  private acknowledge({ msg }: ValidDelivery, outcome: DeliveryOutcome): void {
    msg.ack();
    if (outcome === 'handled') this.stats.handled += 1;
    else this.stats.duplicates += 1;
    handledTotal.inc({ service: this.options.service, subject: this.subject, outcome });
  }

  private transactionOptions() {
    const { dataSource, durable, registration, outbox } = this.options;
    const { handle, handleBatch, lockOrder } = registration;
    return { dataSource, consumer: durable, subject: this.subject, handle, handleBatch, lockOrder, outbox };
  }
}
