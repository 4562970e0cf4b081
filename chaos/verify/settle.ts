import pg from 'pg';
import { sleep } from '#libs/testing';
import { FINAL_STATUSES } from './claim-checks.js';

export interface SettleOutcome {
  settled: boolean;
  /** From the call until every claim was final, or until it gave up. */
  waitedMs: number;
  /** Claims per status at the end. */
  counts: Record<string, number>;
  /** Why it stopped waiting, when it did not settle. */
  reason?: string;
}

export interface SettleOptions {
  timeoutMs: number;
  /** Give up early when no count has changed for this long. */
  stallMs: number;
  say: (line: string) => void;
}

/**
 * Waits until `expected` claims exist and all are final, reading the claims service's own table (one
 * cheap statement a second, which a database outage merely skips) rather than paging the API. The wait
 * is bounded: by `timeoutMs`, and by `stallMs` without any change, whichever comes first.
 */
export async function waitUntilSettled(
  claimsDatabaseUrl: string,
  expected: number,
  options: SettleOptions,
): Promise<SettleOutcome> {
  const started = Date.now();
  let counts: Record<string, number> = {};
  let fingerprint = '';
  let changedAt = started;
  let lastSaid = started;
  for (;;) {
    const read = await statusCounts(claimsDatabaseUrl).catch(() => undefined);
    if (read) {
      counts = read;
      const now = JSON.stringify(counts);
      const changed = now !== fingerprint;
      if (changed) changedAt = Date.now();
      fingerprint = now;
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      const final = FINAL_STATUSES.reduce((sum, status) => sum + (counts[status] ?? 0), 0);
      if (total >= expected && final === total) return { settled: true, waitedMs: Date.now() - started, counts };
      if ((changed && Date.now() - lastSaid >= 5_000) || Date.now() - lastSaid >= 60_000) {
        options.say(`settling: ${final} of ${total} claims final (${describeCounts(counts)})`);
        lastSaid = Date.now();
      }
    }
    const waited = Date.now() - started;
    if (waited >= options.timeoutMs) {
      return {
        settled: false,
        waitedMs: waited,
        counts,
        reason: `not settled within ${Math.round(options.timeoutMs / 1000)} s (--settle-timeout)`,
      };
    }
    if (Date.now() - changedAt >= options.stallMs) {
      return {
        settled: false,
        waitedMs: waited,
        counts,
        reason: `no claim changed status for ${Math.round(options.stallMs / 1000)} s`,
      };
    }
    await sleep(1_000);
  }
}

export function describeCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([status, n]) => `${status} ${n}`)
    .join(', ');
}

async function statusCounts(databaseUrl: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3_000 });
  // A connection lost mid-query is an 'error' event too; the rejected query already says so.
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query<{ status: string; n: number }>(
      // Ordered, so that the same counts always read the same (the stall detection compares them).
      'SELECT status, count(*)::int AS n FROM claims GROUP BY status ORDER BY status',
    );
    return Object.fromEntries(rows.map((row) => [row.status, row.n]));
  } finally {
    await client.end();
  }
}
