import { runClosedLoop } from '../../bench/lib/load.js';
import { percentiles } from '../../bench/lib/stats.js';
import type { HttpObservations, SubmissionRecord } from '../verify/observations.js';
import { submitClaim, type ClaimClientOptions } from './claim-client.js';
import type { PlannedClaim } from './claim-mix.js';
import { HttpTally } from './http-tally.js';
import { runOpenLoop } from './open-loop.js';

export interface LoadOptions {
  claims: PlannedClaim[];
  rate: number;
  /** One gateway, or several that the claims are spread over (claim-client.ts). */
  gatewayUrls: string[];
  tokenOf: (providerId: string) => string;
  /** Runs the faults alongside the load, from the moment it starts. */
  faults: (loadStartedAt: number) => Promise<void>;
  faultUnderWay: () => string | undefined;
  clock: () => number;
  signal: AbortSignal;
  say: (line: string) => void;
}

export interface LoadOutcome {
  submissions: SubmissionRecord[];
  http: HttpObservations;
  elapsedMs: number;
  maxLagMs: number;
  attempts: { p50: number; p95: number; max: number };
  /**
   * Sends every accepted claim once more with its key: a key must replay its first claim id, whatever
   * happened since. The ids answered join the submission's, for the one-id-per-key check.
   */
  probeReplays: () => Promise<{ keys: number; sameId: number; statuses: Record<string, number> }>;
}

/** Retrying clients at most in flight at once (a long outage would otherwise pile up thousands). */
const MAX_IN_FLIGHT = 100;
/** A claim not accepted after 5 minutes of retries is given up: no outage of the campaign lasts that long. */
const GIVE_UP_MS = 300_000;
/** Three times the gateway's RPC timeout: a timeout here means the gateway itself hung. */
const ATTEMPT_TIMEOUT_MS = 15_000;

/** The claims sent on their clock while the faults run, and what became of each. */
export async function runLoad(options: LoadOptions): Promise<LoadOutcome> {
  const tally = new HttpTally(options.faultUnderWay);
  const client: ClaimClientOptions = {
    gatewayUrls: options.gatewayUrls,
    tokenOf: options.tokenOf,
    tally,
    clock: options.clock,
    giveUpMs: GIVE_UP_MS,
    attemptTimeoutMs: ATTEMPT_TIMEOUT_MS,
    signal: options.signal,
  };
  const submissions: SubmissionRecord[] = new Array<SubmissionRecord>(options.claims.length);
  const loadStartedAt = Date.now();
  const faults = options.faults(loadStartedAt);
  let done = 0;
  const progress = setInterval(() => {
    options.say(
      `load: ${done} of ${options.claims.length} claims accepted or given up; ${JSON.stringify(tally.observations().statuses)}`,
    );
  }, 30_000);
  const loop = await runOpenLoop(
    options.claims.length,
    options.rate,
    MAX_IN_FLIGHT,
    async (index) => {
      submissions[index] = await submitClaim(options.claims[index], client);
      done += 1;
    },
    options.signal,
  ).finally(() => clearInterval(progress));
  await faults;
  const attempts = percentiles(submissions.filter(Boolean).map((submission) => submission.attempts));
  return {
    submissions: submissions.filter(Boolean),
    http: tally.observations(),
    elapsedMs: loop.elapsedMs,
    maxLagMs: loop.maxLagMs,
    attempts: { p50: attempts.p50, p95: attempts.p95, max: attempts.max },
    probeReplays: () => probeReplays(options.claims, submissions, { ...client, tally: new HttpTally(() => undefined) }),
  };
}

async function probeReplays(claims: PlannedClaim[], submissions: SubmissionRecord[], client: ClaimClientOptions) {
  const accepted = submissions.filter((submission) => submission?.acceptedIds.length);
  let sameId = 0;
  await runClosedLoop(accepted.length, 8, async (n) => {
    const submission = accepted[n];
    const again = await submitClaim(claims[submission.index], client);
    submission.acceptedIds.push(...again.acceptedIds);
    if (again.acceptedIds.length && again.acceptedIds.every((id) => id === submission.acceptedIds[0])) sameId += 1;
  });
  return { keys: accepted.length, sameId, statuses: client.tally.observations().statuses };
}
