import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { Logger } from '@nestjs/common';
import { Counter, register } from 'prom-client';
import type { DataSource } from 'typeorm';
import { LocalRateLimitCounter } from './local-rate-limit-counter.js';

interface HitCount {
  current: number;
  ttl: number;
}

type IncrCallback = (error: Error | null, result?: HitCount) => void;

interface PendingHit {
  key: string;
  timeWindowMs: number;
  callback: IncrCallback;
}

/** Looked up first: several gateways in one test process share the default registry. */
const storeFailures =
  (register.getSingleMetric('gateway_rate_limit_store_failures_total') as Counter<'reason'> | undefined) ??
  new Counter({
    name: 'gateway_rate_limit_store_failures_total',
    help: 'Batches of rate-limit hits counted by this replica alone because the shared counts failed or were late',
    labelNames: ['reason'],
  });

/** After this long without an answer to a late query, the next batch tries the database again. */
const STALLED_RETRY_MS = 30_000;

export interface PostgresRateLimitCounterOptions {
  /** Longest wait for the shared counts; later, the batch is counted locally instead. */
  timeoutMs: number;
}

/**
 * Counts requests per key in fixed windows in the `rate_limit_hits` table, so every gateway
 * replica sees the same counts. Windows are numbered on the database's clock, so replicas with
 * skewed clocks still agree on them. The hits of one event-loop turn go in one upsert (duplicate
 * keys summed first: an upsert may not touch a row twice), so a busy gateway makes a query per
 * turn rather than one per request and limiter.
 *
 * A slow or hung database must not hold requests (a pool waits up to its connect timeout, ~10 s)
 * nor let abuse through unlimited: a batch whose counts do not come within `timeoutMs`, or fail, is
 * counted by a per-replica fallback instead, and while a late query is still outstanding later
 * batches go straight to the fallback, so a hung database ties up one pool connection, not all.
 */
export class PostgresRateLimitCounter {
  private pending: PendingHit[] = [];
  private readonly fallback = new LocalRateLimitCounter();
  /** A query past its deadline that has not settled yet: the database is hung or very slow. */
  private stalled = false;
  private failing = false;
  private readonly logger = new Logger('RateLimit');

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: PostgresRateLimitCounterOptions,
  ) {}

  hit(key: string, timeWindowMs: number, callback: IncrCallback): void {
    this.pending.push({ key, timeWindowMs, callback });
    if (this.pending.length === 1) setImmediate(() => void this.flush());
  }

  /** Forgets windows that ended; run now and then, it keeps the table to the live windows. */
  async purgeExpired(): Promise<void> {
    this.fallback.purgeExpired();
    if (this.stalled) return;
    await this.dataSource.query('DELETE FROM rate_limit_hits WHERE expires_at < clock_timestamp()');
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (this.stalled) return this.countLocally(batch, 'stalled');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), this.options.timeoutMs);
    });
    const counted = this.countShared(batch).catch((error: unknown) =>
      error instanceof Error ? error : new Error(String(error)),
    );
    const outcome = await Promise.race([counted, late]);
    clearTimeout(timer);
    if (Array.isArray(outcome)) {
      this.recovered();
      outcome.forEach(({ hit, count }) => hit.callback(null, count));
      return;
    }
    if (outcome === 'late') {
      this.stalled = true;
      // The shared count may still land; the hits are answered now, from the fallback. A query that
      // never settles (a black-holed connection) must not keep the shared counts off for good.
      const probeAgain = setTimeout(() => (this.stalled = false), STALLED_RETRY_MS);
      probeAgain.unref();
      void counted.finally(() => {
        clearTimeout(probeAgain);
        this.stalled = false;
      });
      return this.countLocally(batch, 'timeout', `no answer within ${this.options.timeoutMs} ms`);
    }
    return this.countLocally(batch, 'error', outcome.message);
  }

  private countLocally(batch: PendingHit[], reason: 'timeout' | 'error' | 'stalled', cause?: string): void {
    storeFailures.inc({ reason });
    if (!this.failing) {
      this.failing = true;
      this.logger.warn(`shared counts unavailable (${cause ?? reason}): each replica counts on its own`);
    }
    for (const hit of batch) hit.callback(null, this.fallback.hit(hit.key, hit.timeWindowMs));
  }

  private recovered(): void {
    if (!this.failing) return;
    this.failing = false;
    this.logger.log('shared counts available again');
  }

  /** The count of every hit of the batch, from one upsert; the caller answers them. */
  private async countShared(batch: PendingHit[]): Promise<{ hit: PendingHit; count: HitCount }[]> {
    // A key belongs to one limiter, hence to one window length.
    const groups = new Map<string, { key: string; timeWindowMs: number; hits: PendingHit[] }>();
    for (const hit of batch) {
      const group = groups.get(hit.key) ?? { key: hit.key, timeWindowMs: hit.timeWindowMs, hits: [] };
      group.hits.push(hit);
      groups.set(hit.key, group);
    }
    const list = [...groups.values()];
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
    return list.flatMap((group) => {
      const row = byKey.get(group.key);
      if (!row) throw new Error('rate limit upsert returned no row for a key');
      // The n hits of this turn were the last n of the window's count, in arrival order.
      const first = row.hits - group.hits.length + 1;
      const ttl = Math.max(0, Number(row.ttl_ms));
      return group.hits.map((hit, index) => ({ hit, count: { current: first + index, ttl } }));
    });
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
