/**
 * The campaign's claims, each designed to end a known way, so that "every claim ends final" can also
 * say whether it ended as it should. 18 in 20 are clean and get paid; one in 20 bills only an imaging
 * code the plan does not cover (denied NOT_COVERED); one in 20 bills only a covered lab code missing
 * from the fee schedule (approved, priced to 0 by billing: closed). The set-up (setup.ts) creates the
 * plan, fee schedule, clinics and members this relies on.
 */
export const INSURER = 'INS-CHAOS';
export const PLAN = 'PLAN-CHAOS';

export type ExpectedOutcome = 'paid' | 'denied' | 'closed';

export interface ClaimLine {
  code: string;
  units: number;
  charge: number;
}

export interface ClaimBody {
  memberId: string;
  providerId: string;
  serviceDate: string;
  diagnosisCodes: string[];
  lines: ClaimLine[];
}

export interface PlannedClaim {
  index: number;
  /** The Idempotency-Key every attempt of this claim carries. */
  key: string;
  body: ClaimBody;
  expected: ExpectedOutcome;
  /** What the plan pays, in cents, when it ends as expected. */
  expectedPlanPays: number;
}

/** What the insurer pays per code (cents); 80053 is covered (lab) but deliberately has no fee. */
export const FEES: Record<string, number> = { '99213': 10_000, '85025': 2_000 };
export const COINSURANCE_PCT = 20;

const PAID_LINES: ClaimLine[] = [
  { code: '99213', units: 1, charge: 12_000 },
  { code: '85025', units: 1, charge: 2_500 },
];
const NOT_COVERED_LINES: ClaimLine[] = [{ code: '71046', units: 1, charge: 9_000 }];
const NO_FEE_LINES: ClaimLine[] = [{ code: '80053', units: 1, charge: 3_000 }];

/** allowed = min(charge, fee) per line = 10,000 + 2,000; the member pays 20 % of it (no deductible). */
const PAID_PLAN_PAYS = ((10_000 + 2_000) * (100 - COINSURANCE_PCT)) / 100;

/** Service dates count from here, one per member and day (coverage starts the day before). */
export const FIRST_SERVICE_DATE = '2025-01-02';
export const COVERAGE_START = '2025-01-01';
const DAY_MS = 86_400_000;

export const memberId = (n: number) => `M-CHAOS-${n}`;
export const providerId = (n: number) => `P-CHAOS-${n}`;

export interface ClaimMixShape {
  runId: string;
  members: number;
  providers: number;
}

/**
 * Claim `index`. Clean for every fraud rule: its (member, service date) pair is unique (no duplicate or
 * near-duplicate); a clinic sees members / providers claims a day of at most 25 typical minutes (no
 * impossible day); clinics have no history before the run (no spike); charges never vary per code (no
 * outlier).
 */
export function plannedClaim(index: number, shape: ClaimMixShape): PlannedClaim {
  const day = Math.floor(index / shape.members);
  const serviceDate = new Date(Date.parse(FIRST_SERVICE_DATE) + day * DAY_MS).toISOString().slice(0, 10);
  const expected = outcomeOf(index);
  const lines = expected === 'paid' ? PAID_LINES : expected === 'denied' ? NOT_COVERED_LINES : NO_FEE_LINES;
  return {
    index,
    key: `chaos-${shape.runId}-${index}`,
    body: {
      memberId: memberId(index % shape.members),
      providerId: providerId(index % shape.providers),
      serviceDate,
      diagnosisCodes: ['J06.9'],
      lines: lines.map((line) => ({ ...line })),
    },
    expected,
    expectedPlanPays: expected === 'paid' ? PAID_PLAN_PAYS : 0,
  };
}

function outcomeOf(index: number): ExpectedOutcome {
  if (index % 20 === 7) return 'denied';
  if (index % 20 === 13) return 'closed';
  return 'paid';
}

/** How many claims fit between the first service date and `today` (service dates may not be future). */
export function claimCapacity(members: number, today: Date): number {
  return (Math.floor((today.getTime() - Date.parse(FIRST_SERVICE_DATE)) / DAY_MS) + 1) * members;
}

/** The identity of a claim's payload as the API shows it back: one claim per planned claim. */
export function payloadKey(claim: { memberId: string; providerId: string; serviceDate: string }): string {
  return `${claim.memberId}|${claim.providerId}|${claim.serviceDate}`;
}
