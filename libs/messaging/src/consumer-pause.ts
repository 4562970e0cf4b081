import type { JsMsg } from '@nats-io/jetstream';
import type { DataSource } from 'typeorm';
import type { ConsumerHealth } from './consumer-health.js';
import { describeError, type MessagingLogger } from './logger.js';
import { consumerPaused, infrastructureRetriesTotal } from './metrics.js';

/** How the paused consumer asks whether its database is back. */
export interface ProbeSettings {
  /** First probe this long after the pause; each further one waits twice as long, up to `maxMs`. */
  initialMs: number;
  maxMs: number;
  /** A probe that has not answered by then counts as "still down". */
  timeoutMs: number;
}

export const DEFAULT_PROBE: ProbeSettings = { initialMs: 250, maxMs: 3000, timeoutMs: 2000 };

export interface ConsumerPauseOptions {
  dataSource: DataSource;
  service: string;
  subject: string;
  durable: string;
  /** The consumer's ack_wait: held messages are marked in progress well within it. */
  ackWaitMs: number;
  /** Stops and restarts pulling from the server. */
  stopPulling(): Promise<void>;
  startPulling(): Promise<void>;
  /** The messages the consumer holds right now (read at every heartbeat: more may arrive). */
  held(): readonly JsMsg[];
  health?: ConsumerHealth;
  logger: MessagingLogger;
  probe?: ProbeSettings;
}

/**
 * Why: a handler that fails because ITS OWN database is down says nothing about the message. Before
 * this, such failures were naked and counted against maxDeliver, so an outage longer than the backoff
 * schedule (about 15 s) dead-lettered every message a consumer held while working off a backlog.
 *
 * Instead the consumer pauses: it stops pulling, keeps the messages it holds (a `working()` heartbeat
 * every third of ack_wait, so the server neither redelivers them nor counts a delivery), reports
 * itself paused (readiness, `messaging_consumer_paused`), probes the database with `SELECT 1` on a
 * capped back-off, and when it answers starts pulling again and lets the consumer handle the held
 * messages. An outage of any length therefore leaves every message all its deliveries. If the process
 * dies while paused, the server redelivers after ack_wait (one delivery spent; the inbox dedupes).
 */
export class ConsumerPause {
  private paused = false;
  private aborted = false;
  /** Grows across pauses that follow each other without a success in between (see `waitOut`). */
  private nextProbeMs: number;
  private readonly probe: ProbeSettings;
  private wakeAbort: (() => void) | undefined;

  constructor(private readonly options: ConsumerPauseOptions) {
    this.probe = options.probe ?? DEFAULT_PROBE;
    this.nextProbeMs = this.probe.initialMs;
    consumerPaused.set({ service: options.service, subject: options.subject }, 0);
  }

  isPaused(): boolean {
    return this.paused;
  }

  /** A transaction committed: the next outage starts probing quickly again. */
  succeeded(): void {
    this.nextProbeMs = this.probe.initialMs;
  }

  /** Ends a pause at once (the consumer is stopping); every later `waitOut` returns false at once. */
  abort(): void {
    this.aborted = true;
    this.wakeAbort?.();
  }

  /**
   * Pauses until the database answers again, then resumes pulling and resolves true; resolves false
   * when `abort()` ends the wait first. The probe delay is not reset by a probe that succeeds, only
   * by `succeeded()`: a failure that looks like an outage although `SELECT 1` answers (another
   * dependency refusing connections) is then retried every `maxMs`, not in a tight loop.
   */
  async waitOut(cause: unknown): Promise<boolean> {
    if (this.aborted) return false;
    const { service, subject, durable, logger } = this.options;
    const since = Date.now();
    this.setPaused(true);
    infrastructureRetriesTotal.inc({ service, subject, kind: 'unavailable' });
    logger.warn(
      `consumer ${durable} paused: its database is unavailable (${describeError(cause)}); ` +
        `holding ${this.options.held().length} message(s) until it answers`,
    );
    await this.options.stopPulling().catch((error: unknown) => {
      logger.warn(`consumer ${durable} could not stop pulling: ${describeError(error)}`);
    });
    const heartbeat = this.startHeartbeat();
    try {
      const resumed = await this.probeUntilBack();
      if (resumed) {
        const seconds = ((Date.now() - since) / 1000).toFixed(1);
        logger.warn(`consumer ${durable} resumed after ${seconds} s; handling its held message(s)`);
      }
      return resumed;
    } finally {
      clearInterval(heartbeat);
      this.setPaused(false);
    }
  }

  private async probeUntilBack(): Promise<boolean> {
    while (!this.aborted) {
      await this.sleep(this.nextProbeMs);
      if (this.aborted) break;
      this.nextProbeMs = Math.min(this.probe.maxMs, this.nextProbeMs * 2);
      if (!(await this.databaseAnswers())) continue;
      try {
        await this.options.startPulling();
        return true;
      } catch (error) {
        this.options.logger.warn(`consumer ${this.options.durable} could not pull again: ${describeError(error)}`);
      }
    }
    return false;
  }

  private async databaseAnswers(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), this.probe.timeoutMs)));
    const query = this.options.dataSource.query('SELECT 1').then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([query, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Marks every held message in progress now and every third of ack_wait until the pause ends. */
  private startHeartbeat(): NodeJS.Timeout {
    const touch = () => this.options.held().forEach((msg) => msg.working());
    touch();
    return setInterval(touch, Math.max(100, Math.floor(this.options.ackWaitMs / 3)));
  }

  private setPaused(paused: boolean): void {
    this.paused = paused;
    consumerPaused.set({ service: this.options.service, subject: this.options.subject }, paused ? 1 : 0);
    this.options.health?.setPaused(this.options.durable, paused);
  }

  /** Resolves after `ms`, or at once when `abort()` is called. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wakeAbort?.(), ms);
      this.wakeAbort = () => {
        clearTimeout(timer);
        this.wakeAbort = undefined;
        resolve();
      };
    });
  }
}
