/**
 * `npm run fraud:eval [-- --clean 3000 --per-rule 10 --seed 7]`: a labelled synthetic workload (clean
 * traffic, near misses and each fraud pattern of DOMAIN.md) sent through the real fraud service on an
 * isolated namespace and databases; prints precision and recall per rule and overall, and the
 * false-hold rate on clean claims.
 */
import { parseArgs } from 'node:util';
import { RpcPatterns, Subjects, type ListFlagsResult, type Principal, type ScreeningCompleted } from '#libs/contracts';
import { shippedProcedures, typicalMinutesByCode } from '#libs/reference-data';
import { TEST_NATS_URL, waitFor } from '#libs/testing';
import { startIsolatedStack } from '../lib/isolated-stack.js';
import { addCleanTraffic, addNearMisses, type TrafficContext } from './clean-traffic.js';
import { EvalBus } from './eval-bus.js';
import { addFraudPatterns } from './fraud-patterns.js';
import { formatScore, scoreEval, type Verdict } from './scoring.js';
import { INSURER, seededRandom, type Workload } from './workload-kit.js';

const HOLD_THRESHOLD = 60;

function buildWorkload(clean: number, perRule: number, seed: number): Workload {
  const workload: Workload = { members: [], estimates: [], exclusions: [], claims: [] };
  const context: TrafficContext = {
    random: seededRandom(seed),
    now: Date.now(),
    minutes: typicalMinutesByCode(shippedProcedures()),
    workload,
  };
  addCleanTraffic(context, clean);
  addNearMisses(context, perRule);
  addFraudPatterns(context, perRule);
  // The claims service submits in time order; so does the eval (a stable sort keeps set-up first).
  workload.claims.sort((a, b) => Date.parse(a.claim.submittedAt) - Date.parse(b.claim.submittedAt));
  return workload;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      clean: { type: 'string', default: '3000' },
      'per-rule': { type: 'string', default: '10' },
      seed: { type: 'string', default: '7' },
    },
  });
  const workload = buildWorkload(Number(values.clean), Number(values['per-rule']), Number(values.seed));
  console.log(
    `workload: ${workload.claims.length} claims (${workload.claims.filter((c) => c.expected.length === 0).length} clean), ` +
      `${workload.claims.filter((c) => c.scored === false).length} of them warm-up (screened, not scored), ` +
      `${workload.members.length} members, ${workload.estimates.length} estimates, ${workload.exclusions.length} exclusions`,
  );
  const stack = await startIsolatedStack(['fraud'], { FRAUD_HOLD_THRESHOLD: String(HOLD_THRESHOLD) });
  const bus = await EvalBus.open(TEST_NATS_URL, stack.namespace);
  try {
    const held = new Map<string, boolean>();
    bus.watch<ScreeningCompleted>(Subjects.screeningCompleted, (event) =>
      held.set(event.data.claimId, event.data.held),
    );

    await bus.publishAll(Subjects.memberRegistered, workload.members);
    await bus.publishAll(Subjects.estimateCreated, workload.estimates);
    await bus.consumed(Subjects.memberRegistered);
    await bus.consumed(Subjects.estimateCreated);
    const admin: Principal = { sub: 'eval-admin', role: 'admin' };
    for (const exclusion of workload.exclusions) await bus.must(RpcPatterns.createExclusion, admin, exclusion);

    const started = Date.now();
    await bus.publishAll(
      Subjects.claimSubmitted,
      workload.claims.map((labelled) => labelled.claim),
    );
    await waitFor(() => held.size >= workload.claims.length, {
      what: `${workload.claims.length} screenings`,
      timeoutMs: 600_000,
      intervalMs: 200,
    });
    const seconds = (Date.now() - started) / 1000;
    console.log(`screened ${workload.claims.length} claims in ${seconds.toFixed(1)} s`);

    const verdicts = new Map<string, Verdict>();
    for (const [claimId, isHeld] of held) verdicts.set(claimId, { rules: [], held: isHeld });
    const analyst: Principal = { sub: 'eval-analyst', role: 'analyst', org: INSURER };
    let cursor: string | undefined;
    do {
      const page: ListFlagsResult = await bus.must(RpcPatterns.listFlags, analyst, { limit: 500, cursor });
      for (const flag of page.items) {
        verdicts.set(flag.claimId, { rules: flag.rules.map((rule) => rule.code), held: flag.held });
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);

    console.log(`\n${formatScore(scoreEval(workload.claims, verdicts), HOLD_THRESHOLD)}`);
  } finally {
    await bus.close();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
