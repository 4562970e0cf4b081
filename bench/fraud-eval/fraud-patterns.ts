import { estimateFor, everydayLine, type TrafficContext } from './clean-traffic.js';
import {
  aClaim,
  aMember,
  baseCharge,
  DAY_MS,
  dayOf,
  HOUR_MS,
  type LabelledClaim,
  type RuleCode,
} from './workload-kit.js';

/**
 * `perRule` cases of each fraud pattern, each on members and providers of its own so that it carries
 * only its own pattern. Set-up claims a pattern needs (the original of a duplicate, a provider's
 * history) are clean and labelled clean.
 */
export function addFraudPatterns(context: TrafficContext, perRule: number): void {
  const { now, workload } = context;
  const clean = (claim: LabelledClaim['claim'], kind = 'clean (pattern set-up)') =>
    workload.claims.push({ claim, expected: [], kind });
  const fraud = (claim: LabelledClaim['claim'], rule: RuleCode, also: RuleCode[] = []) =>
    workload.claims.push({ claim, expected: [rule, ...also], kind: rule });
  const line = (code: string, units = 1) => everydayLine(context, code, units);

  for (let k = 0; k < perRule; k++) {
    const at = now - (3 + k) * HOUR_MS;
    const day = dayOf(at - 2 * DAY_MS);

    const original = aClaim(`M-DUP-${k}`, 'P-C10', day, at - HOUR_MS, [line('99213'), line('85025')]);
    clean(original);
    fraud(aClaim(`M-DUP-${k}`, 'P-C10', day, at, [line('85025'), line('99213')]), 'DUPLICATE_CLAIM', [
      'NEAR_DUPLICATE',
    ]);

    clean(aClaim(`M-NEAR-${k}`, 'P-C11', day, at - HOUR_MS, [line('99214'), line('36415')]));
    fraud(aClaim(`M-NEAR-${k}`, 'P-C11', day, at, [line('36415'), line('81001')]), 'NEAR_DUPLICATE');

    workload.members.push(aMember(`M-DEAD-${k}`, dayOf(Date.parse(`${day}T00:00:00Z`) - (1 + k) * DAY_MS)));
    fraud(aClaim(`M-DEAD-${k}`, 'P-C12', day, at, [line('99213')]), 'SERVICE_AFTER_DEATH');

    addExcludedProvider(context, k, at, fraud, clean);

    addImpossibleDay(context, k, at, fraud, clean);

    const inflated = aClaim(`M-INFL-${k}`, 'P-C13', day, at, [line('93000')]);
    inflated.estimateId = `EST-INFL-${k}`;
    const total = inflated.lines[0].charge;
    workload.estimates.push(estimateFor(inflated.estimateId, inflated.memberId, 'P-C13', day, Math.floor(total / 1.5)));
    fraud(inflated, 'ESTIMATE_INFLATION');

    const outlier = { code: '99213', units: 1, charge: baseCharge('99213', context.minutes) * 5 };
    fraud(aClaim(`M-OUT-${k}`, 'P-C14', day, at, [outlier]), 'CHARGE_OUTLIER');

    addProviderSpike(context, k, at, fraud, clean);
  }
}

type Push = (claim: LabelledClaim['claim'], rule: RuleCode) => void;
type PushClean = (claim: LabelledClaim['claim'], kind?: string) => void;

/** Excluded from 10 days ago for 20 days: a claim inside is fraud, one the day before is not. */
function addExcludedProvider(context: TrafficContext, k: number, at: number, fraud: Push, clean: PushClean): void {
  const providerId = `P-EX-${k}`;
  const from = dayOf(at - 10 * DAY_MS);
  context.workload.exclusions.push({ providerId, from, to: dayOf(at + 10 * DAY_MS), reason: 'eval: OIG list' });
  fraud(
    aClaim(`M-EX-${k}`, providerId, dayOf(at - 2 * DAY_MS), at, [everydayLine(context, '99213')]),
    'EXCLUDED_PROVIDER',
  );
  const before = dayOf(at - 11 * DAY_MS);
  clean(
    aClaim(`M-EXB-${k}`, providerId, before, at - HOUR_MS, [everydayLine(context, '99213')]),
    'near miss: before the exclusion',
  );
}

/**
 * Twelve two-hour claims fill a provider's day to exactly 1,440 typical minutes (allowed); the
 * thirteenth makes the day impossible.
 */
function addImpossibleDay(context: TrafficContext, k: number, at: number, fraud: Push, clean: PushClean): void {
  const providerId = `P-ID-${k}`;
  const day = dayOf(at - 3 * DAY_MS);
  // 90837 is 60 typical minutes, 97110 is 15 a unit: 120 minutes a claim.
  const lines = () => [everydayLine(context, '90837'), everydayLine(context, '97110', 4)];
  for (let i = 0; i < 12; i++) {
    clean(
      aClaim(`M-ID-${k}-${i}`, providerId, day, at - (13 - i) * 60_000, lines()),
      i === 11 ? 'near miss: a full day' : undefined,
    );
  }
  fraud(aClaim(`M-ID-${k}-12`, providerId, day, at, lines()), 'IMPOSSIBLE_DAY');
}

/**
 * Thirty-six claims over the month before (1.2 a day), then four within a few hours: the fourth
 * takes the provider's last 24 h above three times its daily average.
 */
function addProviderSpike(context: TrafficContext, k: number, at: number, fraud: Push, clean: PushClean): void {
  const providerId = `P-SP-${k}`;
  const claimAt = (memberId: string, when: number) =>
    aClaim(memberId, providerId, dayOf(when), when, [everydayLine(context, '99213')]);
  for (let i = 0; i < 36; i++) clean(claimAt(`M-SPH-${k}-${i}`, at - 1.5 * DAY_MS - i * 0.8 * DAY_MS));
  for (let i = 0; i < 3; i++) clean(claimAt(`M-SPB-${k}-${i}`, at - (3 - i) * HOUR_MS), 'near miss: busy but not 3 ×');
  fraud(claimAt(`M-SPB-${k}-3`, at), 'PROVIDER_SPIKE');
}
