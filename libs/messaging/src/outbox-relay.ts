import { isDatabaseInfrastructureFailure } from '#libs/persistence';
import type { JetStreamClient } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { PhiCipher } from '#libs/phi';
import type { DataSource, QueryRunner } from 'typeorm';
import { DEFAULT_RETENTION, pruneMessagingTables, type RetentionSettings } from './housekeeping.js';
import { consoleLogger, describeError, type MessagingLogger } from './logger.js';
import { publishedTotal } from './metrics.js';
import type { OutboxHeaders } from './outbox.js';
import { OutageLog } from './outage-log.js';
import { watchOutboxLag } from './outbox-lag-gauge.js';
import { OUTBOX_ENVELOPE_TEXT, openOutboxEnvelope } from './outbox-seal.js';
import { OutboxWakeup, pgConfigOf } from './outbox-wakeup.js';
import { captureTraceHeaders, contextFromHeaders, MESSAGING_SYSTEM, messagingTracer } from './trace-context.js';

export interface OutboxRelayOptions {
  dataSource: DataSource;
  js: JetStreamClient;
  service: string;
  /** Opens the sealed envelopes (the service's, which the outbox sealed them with). */
  cipher: PhiCipher;
  /** Rows claimed, published and marked per transaction. */
  batchSize?: number;
  /** Fallback poll when no notification arrives (a lost LISTEN session, a missed notify). */
  pollIntervalMs?: number;
  /** LISTEN for the outbox trigger; off only to test the polling fallback. */
  listen?: boolean;
  /** How often the relay prunes old outbox and inbox rows (default 10 minutes). */
  pruneIntervalMs?: number;
  retention?: RetentionSettings;
  logger?: MessagingLogger;
}

interface OutboxRow {
  id: string;
  subject: string;
  /** The sealed envelope, or the JSON text of one stored in the clear before encryption. */
  stored: string;
  headers: OutboxHeaders;
}

interface OpenedRow extends OutboxRow {
  /** The envelope as JSON text, sent as is (no parse and re-serialise per message). */
  payload: string;
}

/**
 * Publishes committed outbox rows to JetStream. Each batch is claimed with FOR UPDATE SKIP LOCKED
 * (so concurrent relays never take the same row), published with `Nats-Msg-Id = envelope id`, and
 * marked in the same transaction. A crash before the commit leaves the rows unmarked and a relay
 * publishes them again; JetStream's duplicate window drops the second copy. While the database or the
 * bus is down it keeps retrying (nothing is lost: the rows stay unpublished) and logs the outage once
 * when it starts and once when it ends.
 */
export class OutboxRelay {
  /** JetStream publish calls this instance made: tests prove with it that no row went out twice. */
  publishCalls = 0;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly logger: MessagingLogger;
  private readonly wakeup: OutboxWakeup | undefined;
  private running: Promise<void> | undefined;
  private stopping = false;
  /** A wake-up that arrived while a batch ran: the next sleep returns at once. */
  private woken = false;
  private endSleep: (() => void) | undefined;
  private readonly databaseOutage: OutageLog;
  private readonly busOutage: OutageLog;
  /** Ends this outbox's part in the lag gauges (set while the relay runs). */
  private unwatchLag: (() => void) | undefined;

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 100;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.logger = options.logger ?? consoleLogger;
    this.databaseOutage = new OutageLog(this.logger, 'outbox relay: the database');
    this.busOutage = new OutageLog(this.logger, 'outbox relay: the bus');
    if (options.listen !== false) {
      this.wakeup = new OutboxWakeup(pgConfigOf(options.dataSource), () => this.wake(), this.logger);
    }
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.stopping = false;
    await this.wakeup?.start();
    this.unwatchLag = watchOutboxLag(this.options.service, this.options.dataSource);
    this.running = this.loop();
  }

  /** Finishes the batch in flight, then stops listening and polling. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.running;
    this.running = undefined;
    this.unwatchLag?.();
    this.unwatchLag = undefined;
    await this.wakeup?.stop();
  }

  /** Claims, publishes and marks one batch; returns how many rows were published. */
  async relayBatch(): Promise<number> {
    const runner = this.options.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const published = await this.publishClaimed(runner);
      await runner.commitTransaction();
      publishedTotal.inc({ service: this.options.service }, published);
      return published;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  private async publishClaimed(runner: QueryRunner): Promise<number> {
    const claimed = await runner.manager.query<OutboxRow[]>(
      `SELECT id, subject, ${OUTBOX_ENVELOPE_TEXT} AS stored, headers FROM outbox WHERE published_at IS NULL
       ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [this.batchSize],
    );
    if (claimed.length === 0) return 0;
    const { rows, unopened } = await this.open(claimed);
    // Concurrent publishes on one connection still reach the stream in the order they were sent.
    const results = await Promise.allSettled(rows.map((row) => this.publish(row)));
    const sent = rows.filter((_, i) => results[i].status === 'fulfilled').map((row) => row.id);
    const failed = [...unopened, ...rows.filter((_, i) => results[i].status === 'rejected').map((row) => row.id)];
    if (sent.length) {
      await runner.query(`UPDATE outbox SET published_at = now(), attempts = attempts + 1 WHERE id = ANY($1::uuid[])`, [
        sent,
      ]);
    }
    if (failed.length) {
      await runner.query(`UPDATE outbox SET attempts = attempts + 1 WHERE id = ANY($1::uuid[])`, [failed]);
    }
    const first = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (first) this.busOutage.failed(first.reason);
    else this.busOutage.succeeded();
    return sent.length;
  }

  /**
   * Opens the claimed envelopes. One that does not open (its data key gone, the row altered) stays
   * unpublished with its attempts counted, and is logged: it is not the bus failing.
   */
  private async open(claimed: OutboxRow[]): Promise<{ rows: OpenedRow[]; unopened: string[] }> {
    const opened = await Promise.allSettled(
      claimed.map((row) => openOutboxEnvelope(this.options.cipher, row.id, row.stored)),
    );
    const rows: OpenedRow[] = [];
    const unopened: string[] = [];
    claimed.forEach((row, i) => {
      const result = opened[i];
      if (result.status === 'fulfilled') {
        rows.push({ ...row, payload: result.value });
      } else {
        unopened.push(row.id);
        this.logger.error(`outbox relay: the envelope of ${row.id} does not open: ${describeError(result.reason)}`);
      }
    });
    return { rows, unopened };
  }

  private publish(row: OpenedRow): Promise<void> {
    const attributes = {
      'messaging.system': MESSAGING_SYSTEM,
      'messaging.operation.type': 'publish',
      'messaging.destination.name': row.subject,
      'messaging.message.id': row.id,
    };
    const parent = contextFromHeaders({ traceparent: row.headers.traceparent, tracestate: row.headers.tracestate });
    const span = { kind: SpanKind.PRODUCER, attributes };
    return messagingTracer().startActiveSpan(`publish ${row.subject}`, span, parent, async (producer) => {
      try {
        // From the producer span explicitly: without a context manager the active context is empty.
        const sent = { ...row.headers, ...captureTraceHeaders(trace.setSpan(parent, producer)) };
        const headers = natsHeaders();
        for (const [key, value] of Object.entries(sent)) if (value) headers.set(key, value);
        this.publishCalls += 1;
        await this.options.js.publish(row.subject, row.payload, { msgID: row.id, headers });
      } catch (error) {
        producer.recordException(error as Error);
        producer.setStatus({ code: SpanStatusCode.ERROR, message: describeError(error) });
        throw error;
      } finally {
        producer.end();
      }
    });
  }

  private async loop(): Promise<void> {
    let failures = 0;
    const pruneEveryMs = this.options.pruneIntervalMs ?? 10 * 60 * 1000;
    let nextPrune = Date.now() + pruneEveryMs;
    while (!this.stopping) {
      if (Date.now() >= nextPrune) {
        nextPrune = Date.now() + pruneEveryMs;
        await pruneMessagingTables(this.options.dataSource, this.options.retention ?? DEFAULT_RETENTION).catch(
          (error: unknown) => this.logger.warn(`pruning the outbox and inbox failed: ${describeError(error)}`),
        );
      }
      let full = false;
      try {
        full = (await this.relayBatch()) === this.batchSize;
        failures = 0;
        this.databaseOutage.succeeded();
      } catch (error) {
        failures += 1;
        if (isDatabaseInfrastructureFailure(error)) this.databaseOutage.failed(error);
        else this.logger.error(`outbox relay batch failed: ${describeError(error)}`);
      }
      if (this.stopping) break;
      // A full batch means more are waiting; after failures, back off up to 10 poll intervals.
      if (!full) await this.sleep(this.pollIntervalMs * Math.min(10, 2 ** failures));
    }
  }

  /** Ends the current sleep now, or makes the next one return at once. */
  wake(): void {
    if (this.endSleep) this.endSleep();
    else this.woken = true;
  }

  /** Resolves on the poll timeout or as soon as `wake()` is called (a notification, `stop()`). */
  private sleep(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.endSleep?.(), ms);
      this.endSleep = () => {
        clearTimeout(timer);
        this.endSleep = undefined;
        resolve();
      };
    });
  }
}
