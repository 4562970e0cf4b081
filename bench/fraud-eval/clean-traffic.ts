import {
  aClaim,
  aMember,
  baseCharge,
  DAY_MS,
  dayOf,
  HOUR_MS,
  type LabelledClaim,
  type Line,
  type Workload,
} from './workload-kit.js';

/** Codes of everyday claims: visits, labs, light imaging, diagnostics and therapy (no surgery). */
export const EVERYDAY_CODES = [
  '99212',
  '99213',
  '99214',
  '99203',
  '36415',
  '80048',
  '85025',
  '81001',
  '71046',
  '93000',
  '97110',
  '97140',
  '90834',
  '20610',
];

export interface TrafficContext {
  random: () => number;
  now: number;
  minutes: ReadonlyMap<string, number>;
  workload: Workload;
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)];

/** A line of an everyday code at 70–130 % of its typical charge. */
export function everydayLine(context: TrafficContext, code: string, units = 1): Line {
  const factor = 0.7 + context.random() * 0.6;
  return { code, units, charge: Math.round(baseCharge(code, context.minutes) * factor) * units };
}

function everydayLines(context: TrafficContext): Line[] {
  const count = 1 + Math.floor(context.random() * 3);
  const codes = new Set<string>();
  while (codes.size < count) codes.add(pick(context.random, EVERYDAY_CODES));
  return [...codes].map((code) => everydayLine(context, code));
}

/** Days of clean traffic before the scored window, so every provider has a full 30-day history. */
export const WARM_UP_DAYS = 35;
const SCORED_DAYS = 60;

/**
 * Clean traffic: many members seeing many providers over 60 scored days (after a warm-up of 35 at the
 * same rate, screened but not scored, so PROVIDER_SPIKE judges a steady state rather than the start of
 * the data), no member twice at one provider on one day, each provider's day well under 24 h of
 * typical minutes; plus two busy practices with a steady three claims a day.
 */
export function addCleanTraffic(context: TrafficContext, scoredCount: number): void {
  const count = Math.round((scoredCount * (SCORED_DAYS + WARM_UP_DAYS)) / SCORED_DAYS);
  const { random, now, workload } = context;
  const seen = new Set<string>();
  const steady = Math.min(count, 300);
  const memberIds = Array.from({ length: 800 }, (_, i) => `M-C${String(i).padStart(4, '0')}`);
  workload.members.push(...memberIds.map((id) => aMember(id)));
  for (let i = 0; i < count; i++) {
    const busy = i < steady;
    const providerId = busy ? `P-BUSY-${i % 2}` : `P-C${String(Math.floor(random() * 40)).padStart(2, '0')}`;
    // Busy practices: three claims a day for 50 days, evenly spread; others anywhere in 60 days.
    const spanDays = SCORED_DAYS + WARM_UP_DAYS - 1;
    const submittedAt = busy
      ? now - (Math.floor(i / 2) / 3) * DAY_MS - HOUR_MS
      : now - (1 + random() * spanDays) * DAY_MS;
    const serviceDate = dayOf(submittedAt - Math.floor(random() * 5) * DAY_MS);
    let memberId = pick(random, memberIds);
    while (seen.has(`${memberId}|${providerId}|${serviceDate}`)) memberId = pick(random, memberIds);
    seen.add(`${memberId}|${providerId}|${serviceDate}`);
    const claim = aClaim(memberId, providerId, serviceDate, submittedAt, everydayLines(context));
    const scored = submittedAt >= now - SCORED_DAYS * DAY_MS;
    workload.claims.push({ claim, expected: [], kind: busy ? 'clean (busy practice)' : 'clean', scored });
  }
}

/** Clean claims that come as close to a rule as DOMAIN.md allows without hitting it. */
export function addNearMisses(context: TrafficContext, perRule: number): void {
  const { now, workload } = context;
  const push = (claim: LabelledClaim['claim'], kind: string) => workload.claims.push({ claim, expected: [], kind });
  for (let k = 0; k < perRule; k++) {
    const at = now - (2 + k) * HOUR_MS;
    const day = dayOf(at - 3 * DAY_MS);
    // Died on the day of service: not after it.
    workload.members.push(aMember(`M-NM-DEATH-${k}`, day));
    push(
      aClaim(`M-NM-DEATH-${k}`, 'P-C00', day, at, [everydayLine(context, '99213')]),
      'near miss: death on the service day',
    );
    // Same member, provider and day as an earlier claim, sharing no code.
    const first = aClaim(`M-NM-SAME-${k}`, 'P-C01', day, at - HOUR_MS, [everydayLine(context, '99213')]);
    push(first, 'clean');
    push(
      aClaim(`M-NM-SAME-${k}`, 'P-C01', day, at, [everydayLine(context, '85025')]),
      'near miss: same day, no shared code',
    );
    // A charge at 2.5 times the typical one: high, but not above 3 × the median.
    const high = { code: '99214', units: 1, charge: Math.round(baseCharge('99214', context.minutes) * 2.5) };
    push(aClaim(`M-NM-HIGH-${k}`, 'P-C02', day, at, [high]), 'near miss: charge 2.5 × typical');
    // Exactly 120 % of the estimate.
    const line = { code: '93000', units: 1, charge: 12000 };
    const claim = aClaim(`M-NM-EST-${k}`, 'P-C03', day, at, [line]);
    claim.estimateId = `EST-NM-${k}`;
    workload.estimates.push(estimateFor(claim.estimateId, claim.memberId, claim.providerId, day, 10000));
    push(claim, 'near miss: 120 % of the estimate');
  }
}

export function estimateFor(estimateId: string, memberId: string, providerId: string, day: string, total: number) {
  return {
    estimateId,
    memberId,
    providerId,
    insurerId: 'INS-EVAL',
    plannedDate: day,
    createdAt: new Date(Date.parse(`${day}T00:00:00Z`) - 7 * DAY_MS).toISOString(),
    validUntil: day,
    preauthorization: false,
    totalCharge: total,
    lines: [{ code: '93000', units: 1, charge: total, preauth: null }],
  };
}
