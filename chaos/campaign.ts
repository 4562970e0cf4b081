import { signDevelopmentToken } from '#libs/auth';
import { describeMachine } from '../bench/lib/machine.js';
import { FaultRunner } from './faults/fault-runner.js';
import { OptionsError, type CampaignOptions } from './options.js';
import { startPlatform, type Platform } from './platform/platform.js';
import type { Teardown } from './platform/teardown.js';
import type { CampaignResult } from './report/campaign-result.js';
import { planFaults, type PlannedFault } from './schedule/fault-schedule.js';
import { SERVICES } from './schedule/fault.js';
import { verifyCampaign } from './verify/verify.js';
import { OutcomeObserver } from './verify/observe-outcome.js';
import { waitUntilSettled } from './verify/settle.js';
import { claimCapacity, INSURER, plannedClaim, providerId } from './workload/claim-mix.js';
import { runLoad } from './workload/run-load.js';
import { setUpInsurer } from './workload/setup.js';

/** Whole tokens per claim in the insurer's escrow: twice what the plan pays on a clean claim (96). */
const ESCROW_TOKENS_PER_CLAIM = 200;

/**
 * One fault campaign: plan the faults, start the isolated platform, set up the insurer, send the claims
 * while the faults run, wait for everything to settle, then look at what the API, the chain and the
 * dead-letter stream say, and check it.
 */
export async function runCampaign(
  options: CampaignOptions,
  teardown: Teardown,
  signal: AbortSignal,
  say: (line: string) => void,
): Promise<CampaignResult> {
  const campaignStarted = Date.now();
  const clock = () => Date.now() - campaignStarted;
  const plan = planOrRefuse(options);

  const platform = await startPlatform({ teardown, keep: options.keep, clock, say });
  say('Setting up the insurer, its plan, clinics, members and their consents…');
  await setUpInsurer(
    platform.gatewayUrl,
    platform.jwtSecret,
    { members: options.members, providers: options.providers, escrowTokens: options.claims * ESCROW_TOKENS_PER_CLAIM },
    { DATABASE_URL: platform.databaseUrl('ledger-bridge'), CHAIN_RPC_URL: platform.chainRpcUrl },
  );
  const setupMs = clock();
  const tokenTtl = Math.ceil((options.durationMs + options.settleTimeoutMs) / 1000) + 3_600;
  const insurerToken = await signDevelopmentToken({ role: 'insurer', org: INSURER }, platform.jwtSecret, tokenTtl);
  const clinicTokens = new Map<string, string>();
  for (let n = 0; n < options.providers; n += 1) {
    const token = await signDevelopmentToken({ role: 'clinic', org: providerId(n) }, platform.jwtSecret, tokenTtl);
    clinicTokens.set(providerId(n), token);
  }
  const observe = await OutcomeObserver.open(platform, insurerToken);

  try {
    const escrowBefore = await observe.escrow();
    const runner = new FaultRunner(platform, say);
    const shape = { runId: options.seed, members: options.members, providers: options.providers };
    say(
      `Sending ${options.claims} claims at ${options.rate.toFixed(2)}/s with ${plan.length} fault${plan.length === 1 ? '' : 's'} planned…`,
    );
    const load = await runLoad({
      claims: Array.from({ length: options.claims }, (_, index) => plannedClaim(index, shape)),
      rate: options.rate,
      gatewayUrls: [platform.gatewayUrl],
      tokenOf: (provider) => clinicTokens.get(provider) ?? '',
      faults: (loadStartedAt) => runner.run(plan, loadStartedAt, signal),
      faultUnderWay: () => runner.underWay(),
      clock,
      signal,
      say,
    });
    await allServicesReady(platform, say);
    const accepted = new Set(load.submissions.flatMap((submission) => submission.acceptedIds)).size;
    say(
      `Load and faults over; waiting for ${accepted} claims to end final (at most ${Math.round(options.settleTimeoutMs / 1000)} s)…`,
    );
    const settle = await waitUntilSettled(platform.databaseUrl('claims'), accepted, {
      timeoutMs: options.settleTimeoutMs,
      stallMs: options.stallMs,
      say,
    });
    say('Verifying from the API, the chain and the dead-letter stream…');
    const replayProbe = await load.probeReplays();
    const observations = await observe.outcome(load.submissions, load.http, escrowBefore);
    const checks = verifyCampaign(observations);
    return {
      startedAt: new Date(campaignStarted).toISOString(),
      machine: describeMachine(new Date(campaignStarted)),
      options: {
        profile: options.profile,
        claims: options.claims,
        faults: options.faults,
        durationMs: options.durationMs,
        rate: options.rate,
        seed: options.seed,
        ...(options.catchUpService ? { catchUpService: options.catchUpService } : {}),
      },
      setupMs,
      load: { elapsedMs: load.elapsedMs, maxLagMs: load.maxLagMs, attempts: load.attempts },
      faults: runner.records,
      serviceExits: Object.fromEntries(SERVICES.map((name) => [name, platform.services[name].exits()])),
      http: observations.http,
      replayProbe,
      settle: {
        settled: settle.settled,
        waitedMs: settle.waitedMs,
        ...(settle.reason ? { reason: settle.reason } : {}),
      },
      claimStatuses: countBy(observations.claims.map((claim) => claim.status)),
      chain: {
        escrowBefore: observations.chain.escrowBefore.toString(),
        escrowAfter: observations.chain.escrowAfter.toString(),
        settledTotal: observations.chain.settledEvents.reduce((sum, event) => sum + event.amount, 0n).toString(),
        settlements: observations.chain.settledEvents.length,
      },
      deadLetters: observations.deadLetters.length,
      checks,
      passed: checks.every((check) => check.passed),
      ports: portsOf(platform),
      logDir: platform.logDir,
      ...(options.keep ? { keptDataDirs: platform.dataDirs } : {}),
    };
  } finally {
    observe.close();
  }
}

/** The fault schedule, or an OptionsError before anything starts when the options cannot work. */
function planOrRefuse(options: CampaignOptions): PlannedFault[] {
  const capacity = claimCapacity(options.members, new Date());
  if (options.claims > capacity)
    throw new OptionsError(`--claims: at most ${capacity} claims fit the service dates up to today`);
  try {
    return planFaults({
      seed: options.seed,
      durationMs: options.durationMs,
      faults: options.faults,
      ...(options.catchUpService ? { catchUpService: options.catchUpService } : {}),
    });
  } catch (error) {
    throw new OptionsError(error instanceof Error ? error.message : String(error));
  }
}

/** After the last fault every service should come back; one that does not is said, and verification goes on. */
async function allServicesReady(platform: Platform, say: (line: string) => void): Promise<void> {
  const results = await Promise.allSettled(SERVICES.map((name) => platform.services[name].waitReady(120_000)));
  const down = SERVICES.filter((_, index) => results[index].status === 'rejected');
  if (down.length) say(`not ready 120 s after the last fault: ${down.join(', ')}`);
}

function portsOf(platform: Platform): Record<string, number> {
  return {
    PostgreSQL: platform.postgres.port,
    NATS: platform.nats.port,
    chain: Number(new URL(platform.chainRpcUrl).port),
    ...Object.fromEntries(SERVICES.map((name) => [name, Number(new URL(platform.services[name].url).port)])),
  };
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
