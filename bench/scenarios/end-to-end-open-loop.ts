import { searchCapacity } from '../lib/capacity-search.js';
import { runClosedLoop } from '../lib/load.js';
import type { Machine } from '../lib/machine.js';
import { runOpenLoop, type Outcome } from '../lib/open-loop.js';
import { durabilitySettings } from '../lib/postgres-stats.js';
import type { BenchOptions, ScenarioReport } from '../lib/scenario.js';
import { percentiles } from '../lib/stats.js';
import { sustained, type ProbeFigures } from './end-to-end-probe.js';
import { capacityReport, openLoopReport, probeLine } from './end-to-end-open-report.js';
import { cleanClaimCapacity } from './end-to-end-setup.js';
import { stageTimes } from './end-to-end-stages.js';
import { backlogEnv, openEndToEndStack, type EndToEndStack } from './end-to-end-stack.js';
import { timesFromDatabase, waitUntilFinal, type Submitted } from './end-to-end-track.js';

/** Sockets per clinic: an open loop keeps as many requests in flight as the platform makes it. */
const OPEN_LOOP_SOCKETS = 256;
const FIRST_RATE = 10;
const MAX_RATE = 2_000;
const MAX_PROBES = 10;

/**
 * `--rate R` (with `--duration S` or `--count N`): clean claims POSTed at R per second, each timed from
 * when it was due; accepted ones followed to paid. `--find-capacity`: short runs (`--probe-seconds`) from
 * `--rate` (default 10/s) doubling until one is not sustained (p99 submit-to-decision over 2 s, more than
 * 1 % refused, or claims stuck), then halving the gap a few times; then a full run at 80 % of the best.
 */
export async function runOpenLoopEndToEnd(options: BenchOptions, machine: Machine): Promise<ScenarioReport> {
  const e2e = await openEndToEndStack(OPEN_LOOP_SOCKETS, backlogEnv(options));
  try {
    let next = 0;
    const take = (count: number) => {
      const first = next;
      next += count;
      if (next > cleanClaimCapacity()) throw new Error(`at most ${cleanClaimCapacity()} clean claims fit the dates`);
      return first;
    };
    await warmUp(e2e, options, take(options.warmup));
    const durability = await durabilitySettings('postgres://postgres@127.0.0.1:5432/postgres');
    const claimsAt = (rate: number, seconds?: number) =>
      seconds === undefined ? options.count : Math.max(1, Math.round(rate * seconds));
    const run = (rate: number, seconds?: number, withStages = true) => {
      const count = claimsAt(rate, seconds);
      return probe(e2e, rate, count, take(count), withStages);
    };
    if (!options.findCapacity) {
      const figures = await run(options.rate!, options.durationSeconds);
      return openLoopReport(machine, options, durability, figures);
    }
    const probes: ProbeFigures[] = [];
    const tryRate = async (rate: number) => {
      const figures = await run(rate, options.probeSeconds, false);
      probes.push(figures);
      console.log(`  ${probeLine(figures)}`);
      return sustained(figures);
    };
    const good = await searchCapacity(
      { firstRate: options.rate ?? FIRST_RATE, maxRate: MAX_RATE, maxRuns: MAX_PROBES },
      tryRate,
    );
    if (good === 0) throw new Error(`no rate tried was sustained: ${probes.map(probeLine).join('; ')}`);
    const at80 = await run(Math.max(1, Math.round(good * 0.8)), options.durationSeconds);
    return capacityReport(machine, options, durability, { capacity: good, probes, at80 });
  } finally {
    await e2e.close();
  }
}

/** Warm-up claims in a closed loop (JIT, pools, prepared plans), taken to their final status. */
async function warmUp(e2e: EndToEndStack, options: BenchOptions, first: number): Promise<void> {
  if (options.warmup === 0) return;
  await e2e.fund(options.warmup);
  const warm = await runClosedLoop(options.warmup, options.concurrency, async (index) => {
    const { status, body } = await e2e.postClaim(first + index);
    if (status !== 202) throw new Error(`POST /v1/claims → ${status} ${body.slice(0, 200)}`);
    return (JSON.parse(body) as { id: string }).id;
  });
  if (warm.errors.length) throw new Error(`warm-up: ${warm.errors.length} POSTs failed: ${warm.errors[0]}`);
  const warmed = await waitUntilFinal(e2e.claimsDatabaseUrl, warm.results);
  if (!warmed.complete) throw new Error(`warm-up claims stuck: ${JSON.stringify(warmed.counts)}`);
}

async function probe(
  e2e: EndToEndStack,
  rate: number,
  count: number,
  first: number,
  withStages: boolean,
): Promise<ProbeFigures> {
  await e2e.fund(count);
  const load = await runOpenLoop(rate, count, async (index, dueAtMs): Promise<Outcome<Submitted>> => {
    const { status, body } = await e2e.postClaim(first + index);
    if (status === 429) return { kind: 'shed' };
    if (status !== 202) throw new Error(`POST /v1/claims → ${status} ${body.slice(0, 200)}`);
    return { kind: 'accepted', value: { id: (JSON.parse(body) as { id: string }).id, sentAtMs: dueAtMs } };
  });
  const done = await waitUntilFinal(
    e2e.claimsDatabaseUrl,
    load.accepted.map((claim) => claim.id),
  );
  const times = await timesFromDatabase(e2e.claimsDatabaseUrl, load.accepted);
  const ids = load.accepted.map((claim) => claim.id);
  const stages = withStages ? await stageTimes(e2e.stack.databaseUrl, ids) : [];
  const of = (values: (number | null)[]) => percentiles(values.filter((value) => value !== null));
  return {
    rate,
    offered: count,
    accepted: load.accepted.length,
    shed: load.shed,
    errors: load.errors.length,
    firstError: load.errors[0],
    complete: done.complete,
    statusCounts: done.counts,
    maxLagMs: load.maxLagMs,
    sendSeconds: count / rate,
    post: percentiles(load.acceptedLatenciesMs),
    shedPost: percentiles(load.shedLatenciesMs),
    toInReview: of(times.map((time) => time.toInReviewMs)),
    toDecision: of(times.map((time) => time.toDecisionMs)),
    toPaid: of(times.map((time) => time.toPaidMs)),
    stages,
  };
}
