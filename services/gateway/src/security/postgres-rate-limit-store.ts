import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { DataSource } from 'typeorm';

type IncrCallback = (error: Error | null, result?: { current: number; ttl: number }) => void;

interface PendingHit {
  key: string;
  timeWindowMs: number;
  callback: IncrCallback;
}

/**
 * Counts requests per key in fixed windows in the `rate_limit_hits` table, so every gateway
 * replica sees the same counts. Windows are numbered on the database's clock, so replicas with
 * skewed clocks still agree on them. The hits of one event-loop turn go in one upsert (duplicate
 * keys summed first: an upsert may not touch a row twice), so a busy gateway makes a query per
 * turn rather than one per request and limiter.
 */
export class PostgresRateLimitCounter {
  private pending: PendingHit[] = [];

  constructor(private readonly dataSource: DataSource) {}

  hit(key: string, timeWindowMs: number, callback: IncrCallback): void {
    this.pending.push({ key, timeWindowMs, callback });
    if (this.pending.length === 1) setImmediate(() => void this.flush());
  }

  /** Forgets windows that ended; run now and then, it keeps the table to the live windows. */
  async purgeExpired(): Promise<void> {
    await this.dataSource.query('DELETE FROM rate_limit_hits WHERE expires_at < clock_timestamp()');
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    // A key belongs to one limiter, hence to one window length.
    const groups = new Map<string, { key: string; timeWindowMs: number; hits: PendingHit[] }>();
    for (const hit of batch) {
      const group = groups.get(hit.key) ?? { key: hit.key, timeWindowMs: hit.timeWindowMs, hits: [] };
      group.hits.push(hit);
      groups.set(hit.key, group);
    }
    const list = [...groups.values()];
    try {
      const rows = await this.dataSource.query<{ key: string; hits: number; ttl_ms: string }[]>(
        `WITH input AS (
           SELECT i.key, i.window_ms, i.n,
                  floor(extract(epoch FROM clock_timestamp()) * 1000 / i.window_ms)::bigint AS window_no
             FROM unnest($1::text[], $2::bigint[], $3::int[]) AS i(key, window_ms, n)
         )
         INSERT INTO rate_limit_hits AS h (key, window_no, hits, expires_at)
         SELECT key, window_no, n, to_timestamp((window_no + 1) * window_ms / 1000.0) FROM input
         ON CONFLICT (key, window_no) DO UPDATE SET hits = h.hits + EXCLUDED.hits
         RETURNING h.key, h.hits,
                   round(extract(epoch FROM h.expires_at - clock_timestamp()) * 1000)::bigint AS ttl_ms`,
        [list.map((g) => g.key), list.map((g) => g.timeWindowMs), list.map((g) => g.hits.length)],
      );
      const byKey = new Map(rows.map((row) => [row.key, row]));
      for (const group of list) {
        const row = byKey.get(group.key);
        if (!row) throw new Error('rate limit upsert returned no row for a key');
        // The n hits of this turn were the last n of the window's count, in arrival order.
        const first = row.hits - group.hits.length + 1;
        const ttl = Math.max(0, Number(row.ttl_ms));
        group.hits.forEach((hit, index) => hit.callback(null, { current: first + index, ttl }));
      }
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      for (const hit of batch) hit.callback(failure);
    }
  }
}

/** The store class @fastify/rate-limit instantiates itself, bound to one shared counter. */
export function postgresRateLimitStore(counter: PostgresRateLimitCounter): FastifyRateLimitStoreCtor {
  class PostgresRateLimitStore implements FastifyRateLimitStore {
    incr(key: string, callback: IncrCallback, timeWindow: number): void {
      counter.hit(key, timeWindow, callback);
    }

    child(): FastifyRateLimitStore {
      // Keys already name their limiter, so every route and limiter can share one table.
      return this;
    }
  }
  return PostgresRateLimitStore;
}
