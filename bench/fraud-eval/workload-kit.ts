import { randomUUID } from 'node:crypto';
import type { ClaimSubmitted, CreateExclusionPayload, EstimateCreated, MemberSnapshot } from '#libs/contracts';

export const INSURER = 'INS-EVAL';
export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;

export type RuleCode =
  | 'DUPLICATE_CLAIM'
  | 'NEAR_DUPLICATE'
  | 'SERVICE_AFTER_DEATH'
  | 'EXCLUDED_PROVIDER'
  | 'IMPOSSIBLE_DAY'
  | 'ESTIMATE_INFLATION'
  | 'CHARGE_OUTLIER'
  | 'PROVIDER_SPIKE';

export const RULES: readonly RuleCode[] = [
  'DUPLICATE_CLAIM',
  'NEAR_DUPLICATE',
  'SERVICE_AFTER_DEATH',
  'EXCLUDED_PROVIDER',
  'IMPOSSIBLE_DAY',
  'ESTIMATE_INFLATION',
  'CHARGE_OUTLIER',
  'PROVIDER_SPIKE',
];

/**
 * One labelled claim: `expected` is every rule whose pattern the claim carries by DOMAIN.md's
 * definitions (an exact duplicate also shares codes, so it carries NEAR_DUPLICATE too); empty = clean.
 */
export interface LabelledClaim {
  claim: ClaimSubmitted;
  expected: RuleCode[];
  /** What the generator built it as: clean traffic, a near miss of a rule, or a rule's pattern. */
  kind: string;
  /** False for warm-up traffic: screened, so later claims have history, but not scored. */
  scored?: boolean;
}

export interface Workload {
  members: MemberSnapshot[];
  estimates: EstimateCreated[];
  exclusions: CreateExclusionPayload[];
  claims: LabelledClaim[];
}

/** A small seeded generator (mulberry32), so a run can be repeated claim for claim. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Typical charge per unit of a code, in cents: a fee that grows with the procedure's minutes. */
export function baseCharge(code: string, minutes: ReadonlyMap<string, number>): number {
  return 2000 + (minutes.get(code) ?? 10) * 300;
}

export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export interface Line {
  code: string;
  units: number;
  charge: number;
}

export function aClaim(
  memberId: string,
  providerId: string,
  serviceDate: string,
  submittedAtMs: number,
  lines: Line[],
) {
  const claim: ClaimSubmitted = {
    claimId: randomUUID(),
    memberId,
    providerId,
    insurerId: INSURER,
    serviceDate,
    diagnosisCodes: ['Z00.00'],
    lines: lines.map((line) => ({ ...line, modifiers: [] })),
    records: [],
    estimateId: null,
    submittedAt: new Date(submittedAtMs).toISOString(),
  };
  return claim;
}

export function aMember(memberId: string, dateOfDeath: string | null = null): MemberSnapshot {
  return {
    memberId,
    insurerId: INSURER,
    planId: 'PLAN-EVAL',
    coverageStart: '2020-01-01',
    coverageEnd: null,
    status: 'active',
    dateOfDeath,
    address: `0x${'2'.repeat(40)}`,
    version: 1,
  };
}
