import { describeError, type MessagingLogger } from './logger.js';

/**
 * Logs an outage of a dependency once when it starts and once when it ends, instead of once per
 * retry: the relay polls every second or so, and a line per attempt for as long as the database or
 * the bus is down buries everything else in the log.
 */
export class OutageLog {
  private since: number | undefined;
  private failures = 0;

  constructor(
    private readonly logger: MessagingLogger,
    /** What failed, as the subject of the log line, e.g. "outbox relay: the database". */
    private readonly what: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** True between the first failure and the next success. */
  get ongoing(): boolean {
    return this.since !== undefined;
  }

  failed(error: unknown): void {
    this.failures += 1;
    if (this.since !== undefined) return;
    this.since = this.now();
    this.logger.warn(`${this.what} is unavailable (${describeError(error)}); retrying until it answers`);
  }

  succeeded(): void {
    if (this.since === undefined) return;
    const seconds = ((this.now() - this.since) / 1000).toFixed(1);
    this.logger.warn(`${this.what} answers again after ${seconds} s and ${this.failures} failed attempt(s)`);
    this.since = undefined;
    this.failures = 0;
  }
}
