/**
 * Which of a service's consumers are paused on an unavailable database. A paused consumer holds its
 * messages and pulls no new ones, so the service must not count as ready: `/health/ready` asks
 * `assertRunning()` (injectable from MessagingModule; `startMessaging` returns one too).
 */
export class ConsumerHealth {
  private readonly paused = new Set<string>();

  /** Marks the consumer `durable` paused or running again. */
  setPaused(durable: string, paused: boolean): void {
    if (paused) this.paused.add(durable);
    else this.paused.delete(durable);
  }

  /** True while any consumer of the service waits for its database. */
  isPaused(): boolean {
    return this.paused.size > 0;
  }

  /** For a readiness probe: throws, naming the paused consumers, while any is paused. */
  assertRunning(): void {
    if (this.isPaused()) throw new Error(`paused on an unavailable database: ${this.pausedConsumers().join(', ')}`);
  }

  /** The durable names of the paused consumers, for a readiness report or a log line. */
  pausedConsumers(): string[] {
    return [...this.paused].sort();
  }
}
