import pg from 'pg';
import { signDevelopmentToken } from '#libs/auth';
import { startIsolatedStack } from '../lib/isolated-stack.js';
import { outboxEvents } from '../lib/outbox-events.js';
import { runClosedLoop } from '../lib/load.js';
import { machineLine, type Machine } from '../lib/machine.js';
import type { BenchOptions, Scenario } from '../lib/scenario.js';
import { formatMs, percentiles, type Percentiles } from '../lib/stats.js';

interface Submitted {
  id: string;
  /** Wall clock when the POST left, to compare with the server's timeline timestamps (same machine). */
  sentAtMs: number;
}

/** Varied per claim so no two are the same claim (no accidental duplicate handling). */
function aClaim(index: number) {
  return {
    memberId: `M-BENCH-${index % 97}`,
    providerId: 'P-1',
    serviceDate: '2026-01-15',
    diagnosisCodes: ['J06.9'],
    lines: [{ code: '99213', units: 1, charge: 10_000 + index }],
  };
}

/**
 * Claim intake through the platform spine: POST /v1/claims through the gateway (auth, validation,
 * request/reply to claims, stored with its outbox row) and the saga moving it to `in_review`.
 *
 * Time to `in_review` is taken from the claim's own timeline (`at` of its `in_review` entry, written by
 * the claims service when it happened) minus the moment the POST left. The timelines are read only
 * after the load ends, so watching adds no load while the figures are being made (polling GET during
 * the run would compete with the POSTs it measures).
 */
export const claimIntake: Scenario = {
  name: 'claim-intake',
  title: 'Claim intake: POST /v1/claims through the gateway, and time to in_review',
  async run(options: BenchOptions, machine: Machine) {
    const stack = await startIsolatedStack(['claims', 'gateway']);
    try {
      const gateway = stack.url('gateway');
      const token = await signDevelopmentToken({ role: 'clinic', org: 'P-1' }, stack.jwtSecret);
      const submit = async (index: number): Promise<Submitted> => {
        const sentAtMs = Date.now();
        const response = await fetch(`${gateway}/v1/claims`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(aClaim(index)),
        });
        const body = await response.text();
        if (response.status !== 202) throw new Error(`POST /v1/claims → ${response.status} ${body.slice(0, 200)}`);
        return { id: (JSON.parse(body) as { id: string }).id, sentAtMs };
      };

      await runClosedLoop(options.warmup, options.concurrency, (index) => submit(1_000_000 + index));
      const load = await runClosedLoop(options.count, options.concurrency, submit);
      if (load.errors.length) throw new Error(`${load.errors.length} POSTs failed, first: ${load.errors[0]}`);
      const toInReview = await timesToInReview(gateway, token, load.results);
      const stages = await stageTimes(stack.databaseUrl('claims'));

      const figures = {
        acceptedPerSecond: (load.results.length / load.elapsedMs) * 1000,
        post: percentiles(load.latenciesMs),
        inReview: percentiles(toInReview),
        relay: percentiles(stages.relay),
        consume: percentiles(stages.consume),
      };
      return report(options, machine, figures);
    } finally {
      await stack.stop();
    }
  },
};

/** Reads each claim's timeline (a few at a time) until it shows `in_review`. */
async function timesToInReview(gateway: string, token: string, claims: Submitted[]): Promise<number[]> {
  const deadline = Date.now() + 120_000;
  const result = await runClosedLoop(claims.length, 8, async (index) => {
    const claim = claims[index];
    for (;;) {
      const response = await fetch(`${gateway}/v1/claims/${claim.id}/timeline`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (response.ok) {
        const { items } = (await response.json()) as { items: { at: string; status: string }[] };
        const entry = items.find((item) => item.status === 'in_review');
        if (entry) return Date.parse(entry.at) - claim.sentAtMs;
      }
      if (Date.now() > deadline) throw new Error(`claim ${claim.id} did not reach in_review within 120 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  if (result.errors.length)
    throw new Error(`${result.errors.length} claims never reached in_review: ${result.errors[0]}`);
  return result.results;
}

/**
 * Where the time to `in_review` goes, from the claims database after the run: the outbox row's
 * commit (`created_at`, the transaction's start) to its publish, and the publish to the consumer's
 * `in_review` entry. Warm-up claims are included; they are a small share of the rows.
 */
async function stageTimes(databaseUrl: string): Promise<{ relay: number[]; consume: number[] }> {
  // The envelopes rest sealed: opened in this process, then joined with the timeline by claim id.
  const submitted = (await outboxEvents(databaseUrl, 'claims.claim.submitted.v1')).filter(
    (event) => event.claimId && event.publishedAt,
  );
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ claim_id: string; at: Date }>(
      `SELECT claim_id::text, at FROM claim_timeline WHERE status = 'in_review' AND claim_id = ANY($1::uuid[])`,
      [submitted.map((event) => event.claimId)],
    );
    const inReview = new Map(rows.map((row) => [row.claim_id, row.at.getTime()]));
    const relay: number[] = [];
    const consume: number[] = [];
    for (const event of submitted) {
      const reviewedAt = inReview.get(event.claimId!);
      if (reviewedAt === undefined) continue;
      relay.push(event.publishedAt!.getTime() - event.createdAt.getTime());
      consume.push(reviewedAt - event.publishedAt!.getTime());
    }
    return { relay, consume };
  } finally {
    await client.end();
  }
}

function report(
  options: BenchOptions,
  machine: Machine,
  figures: {
    acceptedPerSecond: number;
    post: Percentiles;
    inReview: Percentiles;
    relay: Percentiles;
    consume: Percentiles;
  },
) {
  const rate = figures.acceptedPerSecond.toFixed(0);
  const row = (label: string, p: Percentiles) =>
    `| ${label} | ${formatMs(p.p50)} | ${formatMs(p.p95)} | ${formatMs(p.p99)} | ${formatMs(p.max)} |`;
  const text = [
    `claim-intake on ${machineLine(machine)}`,
    `  ${options.count} claims, ${options.concurrency} in flight (after ${options.warmup} warm-up)`,
    `  accepted:            ${rate} claims/s through the gateway`,
    `  POST /v1/claims:     p50 ${formatMs(figures.post.p50)}  p95 ${formatMs(figures.post.p95)}  p99 ${formatMs(figures.post.p99)}`,
    `  POST → in_review:    p50 ${formatMs(figures.inReview.p50)}  p95 ${formatMs(figures.inReview.p95)}  p99 ${formatMs(figures.inReview.p99)}`,
    `    commit → published: p50 ${formatMs(figures.relay.p50)}  p95 ${formatMs(figures.relay.p95)}  p99 ${formatMs(figures.relay.p99)}`,
    `    published → in_review: p50 ${formatMs(figures.consume.p50)}  p95 ${formatMs(figures.consume.p95)}  p99 ${formatMs(figures.consume.p99)}`,
  ].join('\n');
  const markdown = [
    '## Claim intake (`claim-intake`)',
    '',
    `Machine: ${machineLine(machine)}. Stack: gateway + claims, each its own process, on the local PostgreSQL and NATS.`,
    `Load: ${options.count} claims by one clinic, ${options.concurrency} in flight, after ${options.warmup} warm-up claims.`,
    '',
    `**${rate} claims accepted per second** through the gateway (202 responses over the measured phase).`,
    '',
    '| latency | p50 | p95 | p99 | max |',
    '|---|---|---|---|---|',
    row('POST /v1/claims (202)', figures.post),
    row('POST sent → `in_review` in the timeline', figures.inReview),
    row('of which: outbox commit → published (relay)', figures.relay),
    row('of which: published → `in_review` (consumer)', figures.consume),
    '',
    "Time to `in_review` is the `at` of the claim's `in_review` timeline entry minus the moment its POST was sent;",
    'the timelines are read after the load has ended, so measuring adds no load during it.',
  ].join('\n');
  return { text, markdown };
}
