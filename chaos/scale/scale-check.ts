import { signDevelopmentToken } from '#libs/auth';
import { describeMachine, type Machine } from '../../bench/lib/machine.js';
import { OptionsError } from '../options.js';
import type { Teardown } from '../platform/teardown.js';
import { check, type CheckResult } from '../verify/check.js';
import type { HttpObservations } from '../verify/observations.js';
import { OutcomeObserver } from '../verify/observe-outcome.js';
import { waitUntilSettled } from '../verify/settle.js';
import { verifyCampaign } from '../verify/verify.js';
import { claimCapacity, INSURER, plannedClaim, providerId } from '../workload/claim-mix.js';
import { runLoad } from '../workload/run-load.js';
import { setUpInsurer } from '../workload/setup.js';
import {
  everyMessageHandledOnce,
  noMessageLost,
  readMessageAccounting,
  streamsReplicated,
  type MessageAccounting,
} from './message-accounting.js';
import { ScaleFaultRunner, type ScaleFaultRecord } from './scale-fault-runner.js';
import { planScaleFaults } from './scale-faults.js';
import type { ScaleOptions } from './scale-options.js';
import { STREAM_REPLICAS, startScalePlatform, type ScalePlatform } from './scale-platform.js';

/** Whole tokens per claim in the insurer's escrow: twice what the plan pays on a clean claim. */
const ESCROW_TOKENS_PER_CLAIM = 200;

export interface ScaleResult {
  startedAt: string;
  machine: Machine;
  options: { claims: number; rate: number; replicas: number };
  topology: { natsNodes: number; streamReplicas: number; instances: string[]; gateways: number };
  startupMs: number;
  setupMs: number;
  load: { elapsedMs: number; maxLagMs: number; acceptedByGateway: Record<string, number> };
  faults: ScaleFaultRecord[];
  http: HttpObservations;
  replayProbe: { keys: number; sameId: number };
  settle: { settled: boolean; waitedMs: number; reason?: string };
  /** Accepted claims over the time from the first claim sent until the last one final (its updatedAt). */
  endToEndClaimsPerSecond: number;
  claimStatuses: Record<string, number>;
  chain: { escrowBefore: string; escrowAfter: string; settledTotal: string; settlements: number };
  messages: MessageAccounting;
  checks: CheckResult[];
  passed: boolean;
  logDir: string;
  keptDataDirs?: string[];
}

/**
 * The scale check of issue 14: the platform at `replicas` instances of every service on a 3-node NATS
 * cluster, claims sent through every gateway while a NATS node and one instance of each service are
 * killed; then the fault campaign's checks (every claim final, outcomes, paid once on chain, escrow,
 * no dead letter, no 500) and the bus's own accounting (no message lost, each handled once per consumer,
 * streams whole again).
 */
export async function runScaleCheck(
  options: ScaleOptions,
  teardown: Teardown,
  signal: AbortSignal,
  say: (line: string) => void,
): Promise<ScaleResult> {
  const started = Date.now();
  const clock = () => Date.now() - started;
  if (options.claims > claimCapacity(options.members, new Date())) {
    throw new OptionsError(
      `--claims: at most ${claimCapacity(options.members, new Date())} claims fit the service dates`,
    );
  }
  const platform = await startScalePlatform({ replicas: options.replicas, teardown, keep: options.keep, clock, say });
  const startupMs = clock();
  say(`${platform.instances.length} instances ready after ${(startupMs / 1000).toFixed(1)} s; setting up the insurer…`);
  await setUpInsurer(
    platform.gatewayUrl,
    platform.jwtSecret,
    { members: options.members, providers: options.providers, escrowTokens: options.claims * ESCROW_TOKENS_PER_CLAIM },
    { DATABASE_URL: platform.databaseUrl('ledger-bridge'), CHAIN_RPC_URL: platform.chainRpcUrl },
  );
  const setupMs = clock() - startupMs;
  const loadMs = Math.round((options.claims / options.rate) * 1000);
  const tokenTtl = Math.ceil((loadMs + options.settleTimeoutMs) / 1000) + 3_600;
  const insurerToken = await signDevelopmentToken({ role: 'insurer', org: INSURER }, platform.jwtSecret, tokenTtl);
  const clinicTokens = new Map<string, string>();
  for (let n = 0; n < options.providers; n += 1) {
    clinicTokens.set(
      providerId(n),
      await signDevelopmentToken({ role: 'clinic', org: providerId(n) }, platform.jwtSecret, tokenTtl),
    );
  }
  const observe = await OutcomeObserver.open(platform, insurerToken);
  const runner = await ScaleFaultRunner.open(platform, say);
  try {
    const escrowBefore = await observe.escrow();
    const plan = planScaleFaults(loadMs);
    const shape = { runId: `scale-${started.toString(36)}`, members: options.members, providers: options.providers };
    say(
      `Sending ${options.claims} claims at ${options.rate}/s through ${platform.gatewayUrls.length} gateways, ${plan.length} faults planned…`,
    );
    const loadStarted = Date.now();
    const load = await runLoad({
      claims: Array.from({ length: options.claims }, (_, index) => plannedClaim(index, shape)),
      rate: options.rate,
      gatewayUrls: platform.gatewayUrls,
      tokenOf: (provider) => clinicTokens.get(provider) ?? '',
      faults: (loadStartedAt) => runner.run(plan, loadStartedAt, signal),
      faultUnderWay: () => runner.underWay(),
      clock,
      signal,
      say,
    });
    await allInstancesReady(platform, say);
    const accepted = new Set(load.submissions.flatMap((submission) => submission.acceptedIds)).size;
    say(`Load and faults over; waiting for ${accepted} claims to end final…`);
    const settle = await waitUntilSettled(platform.databaseUrl('claims'), accepted, {
      timeoutMs: options.settleTimeoutMs,
      stallMs: options.stallMs,
      say,
    });
    say('Verifying from the API, the chain, the dead-letter stream, the outboxes, inboxes and streams…');
    const replayProbe = await load.probeReplays();
    const observations = await observe.outcome(load.submissions, load.http, escrowBefore);
    const lastFinalAt = Math.max(...observations.claims.map((claim) => Date.parse(claim.updatedAt)));
    const messages = await readMessageAccounting(platform.cluster.url, [
      ...new Set(platform.instances.map((instance) => platform.databaseUrl(instance.service))),
    ]);
    const acceptedByGateway = countBy(load.submissions.flatMap((submission) => submission.acceptedBy ?? []));
    const checks = [
      ...verifyCampaign(observations),
      noMessageLost(messages),
      everyMessageHandledOnce(messages),
      streamsReplicated(messages, STREAM_REPLICAS),
      faultsHealed(runner.records, plan.length, load.elapsedMs),
      everyGatewayTookClaims(platform.gatewayUrls, acceptedByGateway),
    ];
    return {
      startedAt: new Date(started).toISOString(),
      machine: describeMachine(new Date(started)),
      options: { claims: options.claims, rate: options.rate, replicas: options.replicas },
      topology: {
        natsNodes: platform.cluster.nodes.length,
        streamReplicas: STREAM_REPLICAS,
        instances: platform.instances.map((instance) => instance.name),
        gateways: platform.gatewayUrls.length,
      },
      startupMs,
      setupMs,
      load: { elapsedMs: load.elapsedMs, maxLagMs: load.maxLagMs, acceptedByGateway },
      faults: [...runner.records].sort((a, b) => a.startedAtMs - b.startedAtMs),
      http: observations.http,
      replayProbe: { keys: replayProbe.keys, sameId: replayProbe.sameId },
      settle: {
        settled: settle.settled,
        waitedMs: settle.waitedMs,
        ...(settle.reason ? { reason: settle.reason } : {}),
      },
      endToEndClaimsPerSecond: accepted / ((lastFinalAt - loadStarted) / 1000),
      claimStatuses: countBy(observations.claims.map((claim) => claim.status)),
      chain: {
        escrowBefore: observations.chain.escrowBefore.toString(),
        escrowAfter: observations.chain.escrowAfter.toString(),
        settledTotal: observations.chain.settledEvents.reduce((sum, event) => sum + event.amount, 0n).toString(),
        settlements: observations.chain.settledEvents.length,
      },
      messages,
      checks,
      passed: checks.every((result) => result.passed),
      logDir: platform.logDir,
      ...(options.keep ? { keptDataDirs: platform.dataDirs } : {}),
    };
  } finally {
    observe.close();
    await runner.close();
  }
}

/** Every planned fault happened while claims were arriving, and what it killed came back whole. */
export function faultsHealed(records: ScaleFaultRecord[], planned: number, loadMs: number): CheckResult {
  const problems = [
    ...(records.length === planned ? [] : [`${records.length} of ${planned} planned faults ran`]),
    ...records
      .filter((record) => record.startedAtMs > loadMs)
      .map((record) => `${record.target} was killed at ${record.startedAtMs} ms, after the load (${loadMs} ms)`),
    ...records
      .filter((record) => record.backAfterMs === null)
      .map((record) => `${record.target} not back: ${record.notes.join('; ')}`),
  ];
  return check(
    'faults-healed',
    'the NATS node and one instance of every service were killed during the load, and each came back',
    problems,
    records.map((record) => `${record.target} ${((record.backAfterMs ?? NaN) / 1000).toFixed(1)} s`).join(', '),
  );
}

/** The load really went through every gateway (the idempotency keys and the rate limits are shared). */
export function everyGatewayTookClaims(gatewayUrls: string[], acceptedBy: Record<string, number>): CheckResult {
  const problems = gatewayUrls.filter((url) => !acceptedBy[url]).map((url) => `${url} accepted no claim`);
  return check(
    'every-gateway-used',
    'claims were accepted through every gateway',
    problems,
    gatewayUrls.map((url) => `${new URL(url).port}: ${acceptedBy[url] ?? 0}`).join(', '),
  );
}

async function allInstancesReady(platform: ScalePlatform, say: (line: string) => void): Promise<void> {
  const results = await Promise.allSettled(platform.instances.map((instance) => instance.control.waitReady(180_000)));
  const down = platform.instances.filter((_, index) => results[index].status === 'rejected');
  if (down.length) say(`not ready 180 s after the last fault: ${down.map((instance) => instance.name).join(', ')}`);
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
