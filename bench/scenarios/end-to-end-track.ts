import pg from 'pg';
import { runClosedLoop } from '../lib/load.js';

export interface Submitted {
  id: string;
  /** Wall clock when the POST left, to compare with the server's timeline timestamps (same machine). */
  sentAtMs: number;
}

export const FINAL_STATUSES = ['paid', 'denied', 'closed'] as const;

/** Claims per status among `ids`, from the claims service's own table (one statement per reading). */
async function statusCounts(client: pg.Client, ids: string[]): Promise<Record<string, number>> {
  const { rows } = await client.query<{ status: string; n: number }>(
    'SELECT status, count(*)::int AS n FROM claims WHERE id = ANY($1::uuid[]) GROUP BY status',
    [ids],
  );
  return Object.fromEntries(rows.map((row) => [row.status, row.n]));
}

const finalOf = (counts: Record<string, number>) =>
  FINAL_STATUSES.reduce((sum, status) => sum + (counts[status] ?? 0), 0);

/**
 * Waits until every claim has a final status, reading the claims database twice a second (one cheap
 * statement: it adds about one commit per half second to the figures). Gives up when nothing has
 * moved for `stallMs`, and returns the counts per status either way, so a stuck run says where.
 */
export async function waitUntilFinal(claimsDatabaseUrl: string, ids: string[], stallMs = 60_000) {
  const client = new pg.Client({ connectionString: claimsDatabaseUrl });
  await client.connect();
  try {
    let counts = await statusCounts(client, ids);
    let lastProgressAt = Date.now();
    let lastFinal = finalOf(counts);
    while (lastFinal < ids.length && Date.now() - lastProgressAt < stallMs) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      counts = await statusCounts(client, ids);
      const final = finalOf(counts);
      if (final !== lastFinal) lastProgressAt = Date.now();
      lastFinal = final;
    }
    return { complete: lastFinal === ids.length, counts };
  } finally {
    await client.end();
  }
}

export interface ClaimTimes {
  /** Sent → the `in_review` timeline entry (accepted, stored, submitted event consumed by the saga). */
  toInReviewMs: number | null;
  /** Sent → the `approved`/`denied` timeline entry. */
  toDecisionMs: number | null;
  /** Sent → the `paid` timeline entry. */
  toPaidMs: number | null;
  /** When it reached its final status (epoch ms). */
  finalAtMs: number | null;
  finalStatus: string | null;
}

/** Reads each claim's timeline through the API, a few at a time, once the load is over. */
export async function readTimes(gateway: string, token: string, claims: Submitted[]): Promise<ClaimTimes[]> {
  const result = await runClosedLoop(claims.length, 8, async (index) => {
    const claim = claims[index];
    const response = await fetch(`${gateway}/v1/claims/${claim.id}/timeline`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok) throw new Error(`GET timeline of ${claim.id} → ${response.status}`);
    const { items } = (await response.json()) as { items: { at: string; status: string }[] };
    const at = (statuses: readonly string[]) => {
      const entry = items.find((item) => statuses.includes(item.status));
      return entry ? { ms: Date.parse(entry.at), status: entry.status } : null;
    };
    const inReview = at(['in_review']);
    const decision = at(['approved', 'denied']);
    const paid = at(['paid']);
    const final = at(FINAL_STATUSES);
    return {
      toInReviewMs: inReview ? inReview.ms - claim.sentAtMs : null,
      toDecisionMs: decision ? decision.ms - claim.sentAtMs : null,
      toPaidMs: paid ? paid.ms - claim.sentAtMs : null,
      finalAtMs: final?.ms ?? null,
      finalStatus: final?.status ?? null,
    };
  });
  if (result.errors.length) throw new Error(`${result.errors.length} timelines unreadable: ${result.errors[0]}`);
  return result.results;
}

/**
 * The same times as `readTimes`, from the claims service's own timeline table in one statement: an
 * open-loop run follows thousands of claims, and reading them through the API would load the platform
 * between runs for longer than the runs themselves.
 */
export async function timesFromDatabase(claimsDatabaseUrl: string, claims: Submitted[]): Promise<ClaimTimes[]> {
  const client = new pg.Client({ connectionString: claimsDatabaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ claim_id: string; status: string; at: Date }>(
      'SELECT claim_id, status, at FROM claim_timeline WHERE claim_id = ANY($1::uuid[]) ORDER BY claim_id, seq',
      [claims.map((claim) => claim.id)],
    );
    const entries = new Map<string, { status: string; ms: number }[]>();
    for (const row of rows) {
      const list = entries.get(row.claim_id) ?? [];
      list.push({ status: row.status, ms: row.at.getTime() });
      entries.set(row.claim_id, list);
    }
    return claims.map((claim) => {
      const items = entries.get(claim.id) ?? [];
      const at = (statuses: readonly string[]) => items.find((item) => statuses.includes(item.status)) ?? null;
      const inReview = at(['in_review']);
      const decision = at(['approved', 'denied']);
      const paid = at(['paid']);
      const final = at(FINAL_STATUSES);
      return {
        toInReviewMs: inReview ? inReview.ms - claim.sentAtMs : null,
        toDecisionMs: decision ? decision.ms - claim.sentAtMs : null,
        toPaidMs: paid ? paid.ms - claim.sentAtMs : null,
        finalAtMs: final?.ms ?? null,
        finalStatus: final?.status ?? null,
      };
    });
  } finally {
    await client.end();
  }
}
