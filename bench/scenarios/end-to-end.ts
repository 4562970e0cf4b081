import { signDevelopmentToken } from '#libs/auth';
import { TEST_NATS_URL } from '#libs/testing';
import { busCounts, busDelta, jetStreamPublishRate } from '../lib/bus-stats.js';
import { cpuPerOperation, sampleCpu, type CpuSample } from '../lib/cpu.js';
import type { IsolatedStack } from '../lib/isolated-stack.js';
import { runClosedLoop } from '../lib/load.js';
import type { Machine } from '../lib/machine.js';
import {
  backendsByDatabase,
  commitsByDatabase,
  databaseNameOf,
  durabilitySettings,
  pgbenchTps,
} from '../lib/postgres-stats.js';
import { processesNamed, processGroup } from '../lib/processes.js';
import type { BenchOptions, Scenario } from '../lib/scenario.js';
import { percentiles } from '../lib/stats.js';
import { report, type EndToEndFigures } from './end-to-end-report.js';
import { runOpenLoopEndToEnd } from './end-to-end-open-loop.js';
import { cleanClaimCapacity, INSURER } from './end-to-end-setup.js';
import { backlogEnv, openEndToEndStack, SERVICES } from './end-to-end-stack.js';
import { stageTimes } from './end-to-end-stages.js';
import { readTimes, waitUntilFinal, type Submitted } from './end-to-end-track.js';

const SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * The whole platform end to end: clinics submit clean claims through the gateway, claims runs the
 * review (underwriting's coverage, fraud screening, the bridge's on-chain consent check), billing prices
 * and asks for the payout, the bridge pays it in `settleBatch` on the embedded chain, and the claim is
 * `paid`. Every service runs as its own process, as `npm start` runs them, with the chain.
 */
export const endToEnd: Scenario = {
  name: 'end-to-end',
  title: 'End to end: POST /v1/claims → review → pricing → settleBatch on chain → paid',
  async run(options: BenchOptions, machine: Machine) {
    if (options.rate !== undefined || options.findCapacity) return runOpenLoopEndToEnd(options, machine);
    if (options.warmup + options.count > cleanClaimCapacity()) {
      throw new Error(`at most ${cleanClaimCapacity()} clean claims fit the dates so far`);
    }
    const e2e = await openEndToEndStack(options.concurrency, backlogEnv(options));
    const { stack } = e2e;
    let figures: Omit<EndToEndFigures, 'ceiling'>;
    try {
      const gateway = e2e.gateway;
      await e2e.fund(options.count + options.warmup);
      const durability = await durabilitySettings(SERVER_URL);
      const submit = async (index: number): Promise<Submitted> => {
        const sentAtMs = Date.now();
        const { status, body } = await e2e.postClaim(index);
        if (status !== 202) throw new Error(`POST /v1/claims → ${status} ${body.slice(0, 200)}`);
        return { id: (JSON.parse(body) as { id: string }).id, sentAtMs };
      };
      const claimsDb = e2e.claimsDatabaseUrl;

      const warm = await runClosedLoop(options.warmup, options.concurrency, submit);
      if (warm.errors.length) throw new Error(`warm-up: ${warm.errors.length} POSTs failed: ${warm.errors[0]}`);
      const warmed = await waitUntilFinal(
        claimsDb,
        warm.results.map((claim) => claim.id),
      );
      if (!warmed.complete) throw new Error(`warm-up claims stuck: ${JSON.stringify(warmed.counts)}`);

      const databases = Object.fromEntries(SERVICES.map((name) => [name, databaseNameOf(stack.databaseUrl(name))]));
      const pids = await processesToWatch(stack, e2e.chainPid, databases);
      const busBefore = await busCounts(TEST_NATS_URL, stack.namespace);
      const commitsBefore = await commitsByDatabase(SERVER_URL, databases);
      const cpuBefore = sampleCpu(pids);
      const load = await runClosedLoop(options.count, options.concurrency, (index) => submit(options.warmup + index));
      const submittedAtMs = Date.now();
      // A refused POST (e.g. 503 when claims did not answer the gateway in time) is reported, not retried.
      if (!load.results.length) throw new Error(`every POST failed, first: ${load.errors[0]}`);
      const done = await waitUntilFinal(
        claimsDb,
        load.results.map((claim) => claim.id),
      );
      const cpuAfter = sampleCpu(await processesToWatch(stack, e2e.chainPid, databases));
      bornDuringTheRun(cpuBefore, cpuAfter);
      // pg_stat_database is flushed by each backend about once a second.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const commitsAfter = await commitsByDatabase(SERVER_URL, databases);
      const busAfter = await busCounts(TEST_NATS_URL, stack.namespace);

      const insurer = await signDevelopmentToken({ role: 'insurer', org: INSURER }, stack.jwtSecret);
      const times = await readTimes(gateway, insurer, load.results);
      const stages = await stageTimes(
        stack.databaseUrl,
        load.results.map((claim) => claim.id),
      );
      const firstSent = Math.min(...load.results.map((claim) => claim.sentAtMs));
      const finals = times.flatMap((time) => (time.finalAtMs === null ? [] : [time.finalAtMs]));
      const lastFinal = Math.max(...finals);
      figures = {
        count: options.count,
        concurrency: options.concurrency,
        warmup: options.warmup,
        failedPosts: { count: load.errors.length, first: load.errors[0] },
        complete: done.complete,
        statusCounts: done.counts,
        finalPerSecond: (finals.length / (lastFinal - firstSent)) * 1000,
        acceptedPerSecond: (load.results.length / load.elapsedMs) * 1000,
        submitSeconds: (submittedAtMs - firstSent) / 1000,
        drainSeconds: (lastFinal - firstSent) / 1000,
        post: percentiles(load.latenciesMs),
        toInReview: percentilesOf(times.map((time) => time.toInReviewMs)),
        toDecision: percentilesOf(times.map((time) => time.toDecisionMs)),
        toPaid: percentilesOf(times.map((time) => time.toPaidMs)),
        stages,
        commitsPerClaim: Object.fromEntries(
          Object.keys(databases).map((name) => [
            name,
            (commitsAfter[name] - commitsBefore[name]) / load.results.length,
          ]),
        ),
        messagesPerClaim: busDelta(busBefore, busAfter).map(([subject, n]) => [subject, n / load.results.length]),
        streamStorage: busAfter.storage,
        durability,
        cpuMsPerClaim: cpuPerOperation(cpuBefore, cpuAfter, load.results.length),
        cpuSeconds: (cpuAfter.machineMs - cpuBefore.machineMs) / 1000,
      };
    } finally {
      await e2e.close();
    }
    // The machine's ceiling, measured in the same run once the stack has stopped (so nothing competes).
    const ceiling = {
      pgbench: await pgbenchTps(SERVER_URL, `${stack.namespace.replace(/-/g, '_')}_pgbench`),
      jetStream: await jetStreamPublishRate(TEST_NATS_URL, stack.namespace),
    };
    return report(machine, { ...figures, ceiling });
  },
};

/**
 * A process seen only after the run (a pooled PostgreSQL connection opened during it) started during
 * it: all its CPU time belongs to the run, so it counts from zero rather than being left out.
 */
function bornDuringTheRun(before: CpuSample, after: CpuSample): void {
  for (const [name, pids] of Object.entries(after.groups)) {
    const seen = (before.groups[name] ??= new Map());
    for (const pid of pids.keys()) if (!seen.has(pid)) seen.set(pid, 0);
  }
}

const percentilesOf = (values: (number | null)[]) => percentiles(values.filter((value) => value !== null));

/** Each service, the PostgreSQL backends serving it, the chain node, NATS and the load generator. */
async function processesToWatch(stack: IsolatedStack, chainPid: number | undefined, databases: Record<string, string>) {
  const backends = await backendsByDatabase(SERVER_URL, databases);
  return {
    ...Object.fromEntries(SERVICES.map((name) => [name, [stack.services[name].child.pid!]])),
    ...Object.fromEntries(Object.entries(backends).map(([name, pids]) => [`PostgreSQL for ${name}`, pids])),
    'chain (Hardhat node)': chainPid ? processGroup(chainPid) : [],
    'NATS server (shared with other work)': processesNamed('nats-server'),
    'load generator (this process)': [process.pid],
  };
}
