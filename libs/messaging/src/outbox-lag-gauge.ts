import { Gauge, register } from 'prom-client';
import type { DataSource } from 'typeorm';

const UNPUBLISHED = 'messaging_outbox_unpublished';
const OLDEST_UNPUBLISHED = 'messaging_outbox_oldest_unpublished_seconds';

/** An outbox a relay publishes from, by the service it belongs to. */
interface WatchedOutbox {
  service: string;
  dataSource: DataSource;
}

const watched = new Set<WatchedOutbox>();

/**
 * `messaging_outbox_unpublished{service}` and `messaging_outbox_oldest_unpublished_seconds{service}`:
 * committed events not yet on the bus, and how long the oldest has waited (0 when none). Read from the
 * database when /metrics is scraped, not by the relay: a relay that hangs or stopped looping must not
 * freeze the very number that tells it is behind. Both queries walk only the partial index of unpublished
 * rows (`outbox_unpublished`), however many published rows the table keeps. Every instance of a service
 * reports the same outbox: alerts take the max, not the sum. A scrape while the database does not answer
 * leaves the service out rather than failing /metrics.
 */
export function watchOutboxLag(service: string, dataSource: DataSource): () => void {
  unpublishedGauge();
  oldestUnpublishedGauge();
  const entry = { service, dataSource };
  watched.add(entry);
  return () => watched.delete(entry);
}

/** Unpublished rows: an index-only count over the partial index. */
async function countUnpublished(dataSource: DataSource): Promise<number> {
  const rows: { count: number }[] = await dataSource.query(
    `SELECT count(*)::int AS count FROM outbox WHERE published_at IS NULL`,
  );
  return rows[0]?.count ?? 0;
}

/** Seconds since the oldest unpublished row was written: the first entry of the partial index (by seq). */
async function oldestUnpublishedSeconds(dataSource: DataSource): Promise<number> {
  const rows: { age: number }[] = await dataSource.query(
    `SELECT EXTRACT(EPOCH FROM now() - created_at)::float8 AS age FROM outbox
     WHERE published_at IS NULL ORDER BY seq LIMIT 1`,
  );
  return Math.max(0, rows[0]?.age ?? 0);
}

function unpublishedGauge(): Gauge<'service'> {
  return lagGauge(UNPUBLISHED, 'Outbox events committed but not yet published to the bus', countUnpublished);
}

function oldestUnpublishedGauge(): Gauge<'service'> {
  return lagGauge(
    OLDEST_UNPUBLISHED,
    'Age in seconds of the oldest outbox event not yet published to the bus (0 when none waits)',
    oldestUnpublishedSeconds,
  );
}

function lagGauge(name: string, help: string, read: (dataSource: DataSource) => Promise<number>): Gauge<'service'> {
  // A registry refuses a second metric of one name (two services' runtimes in one test process).
  const existing = register.getSingleMetric(name);
  if (existing) return existing as Gauge<'service'>;
  return new Gauge({
    name,
    help,
    labelNames: ['service'],
    async collect() {
      this.reset();
      const entries = [...watched];
      const values = await Promise.all(entries.map((entry) => read(entry.dataSource).catch(() => undefined)));
      const byService = new Map<string, number>();
      entries.forEach((entry, i) => {
        const value = values[i];
        if (value === undefined) return;
        // Two relays of one service in a process (tests) read the same outbox, or two: the larger counts.
        byService.set(entry.service, Math.max(value, byService.get(entry.service) ?? 0));
      });
      for (const [service, value] of byService) this.set({ service }, value);
    },
  });
}
