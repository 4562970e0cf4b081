import { currencyMinorDigits } from '#libs/contracts';

/**
 * The premium rating model (docs/rating-model.md): deterministic, integer arithmetic only.
 *
 *   annualPremium = roundHalfUp(planBaseRate × ageFactor × smokerFactor × chronicFactor)
 *
 * Factors are kept in thousandths (1.45 = 1450) and multiplied exactly in BigInt; the one rounding
 * happens at the end, half up, to a whole minor unit.
 */

/** The benefits the base rate is derived from. */
export interface RatedPlan {
  currency: string;
  deductible: number;
  coinsurancePct: number;
  oopMax: number;
  annualLimit: number;
}

export interface Applicant {
  birthDate: string;
  smoker: boolean;
  chronicConditions: readonly string[];
}

export interface Factor {
  name: string;
  effect: string;
}

export interface Quote {
  annualPremium: number;
  riskScore: number;
  factors: Factor[];
}

/** Yearly claims cost of a reference member, in major units of the plan's currency. */
export const REFERENCE_ANNUAL_COST = 6_000;
/** Loading for administration and margin on the expected plan cost, in percent. */
export const LOADING_PCT = 115;

const AGE_BANDS: readonly { from: number; to: number | null; factor: number }[] = [
  { from: 0, to: 17, factor: 800 },
  { from: 18, to: 24, factor: 1000 },
  { from: 25, to: 34, factor: 1100 },
  { from: 35, to: 44, factor: 1250 },
  { from: 45, to: 54, factor: 1450 },
  { from: 55, to: 64, factor: 1750 },
  { from: 65, to: null, factor: 2100 },
];
const SMOKER_FACTOR = 1500;
const PER_CHRONIC_CONDITION = 150;
const CHRONIC_CONDITIONS_COUNTED = 4;

// The lowest and highest product of the three applicant factors (in 10^-9): riskScore's 0 and 100.
const LOWEST_RISK = 800n * 1000n * 1000n;
const HIGHEST_RISK = 2100n * BigInt(SMOKER_FACTOR) * BigInt(1000 + PER_CHRONIC_CONDITION * CHRONIC_CONDITIONS_COUNTED);

/**
 * What the plan is expected to pay for the reference member in a year, plus the loading: the member
 * pays the deductible, then coinsurance on the rest, capped at the out-of-pocket maximum (DOMAIN.md,
 * Pricing); the plan pays the remainder, capped at the annual limit when there is one.
 */
export function planBaseRate(plan: RatedPlan): number {
  const reference = BigInt(REFERENCE_ANNUAL_COST) * 10n ** BigInt(currencyMinorDigits(plan.currency));
  const deductible = min(BigInt(plan.deductible), reference);
  const coinsurance = roundHalfUp((reference - deductible) * BigInt(plan.coinsurancePct), 100n);
  const memberCost = min(deductible + coinsurance, BigInt(plan.oopMax));
  let planCost = reference - memberCost;
  if (plan.annualLimit > 0) planCost = min(planCost, BigInt(plan.annualLimit));
  return Number(roundHalfUp(planCost * BigInt(LOADING_PCT), 100n));
}

/** The quote for an applicant on `asOf` (YYYY-MM-DD, the day the applicant's age is taken). */
export function quotePremium(plan: RatedPlan, applicant: Applicant, asOf: string): Quote {
  const base = planBaseRate(plan);
  const age = ageOn(applicant.birthDate, asOf);
  const band = AGE_BANDS.find((candidate) => age >= candidate.from && (candidate.to === null || age <= candidate.to))!;
  const conditions = distinctConditions(applicant.chronicConditions);
  const counted = Math.min(conditions, CHRONIC_CONDITIONS_COUNTED);
  const smoker = applicant.smoker ? SMOKER_FACTOR : 1000;
  const chronic = 1000 + PER_CHRONIC_CONDITION * counted;

  const combined = BigInt(band.factor) * BigInt(smoker) * BigInt(chronic);
  const annualPremium = Number(roundHalfUp(BigInt(base) * combined, 1_000_000_000n));
  const riskScore = Number(roundHalfUp((combined - LOWEST_RISK) * 100n, HIGHEST_RISK - LOWEST_RISK));
  return {
    annualPremium,
    riskScore,
    factors: [
      { name: `plan base rate (${plan.currency} minor units)`, effect: String(base) },
      { name: `age ${band.to === null ? `${band.from}+` : `${band.from}–${band.to}`}`, effect: times(band.factor) },
      { name: applicant.smoker ? 'smoker' : 'non-smoker', effect: times(smoker) },
      { name: chronicName(conditions, counted), effect: times(chronic) },
    ],
  };
}

/** Whole years from `birthDate` to `on`: a birthday counts from its day (29 February from 1 March). */
export function ageOn(birthDate: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** The same condition named twice ("Asthma", "asthma ") counts once. */
function distinctConditions(conditions: readonly string[]): number {
  return new Set(conditions.map((condition) => condition.trim().toLowerCase()).filter(Boolean)).size;
}

function chronicName(conditions: number, counted: number): string {
  if (conditions === 0) return 'chronic conditions: none';
  if (conditions > counted) return `chronic conditions: ${conditions} (at most ${counted} counted)`;
  return `chronic conditions: ${conditions}`;
}

/** 1450 → `×1.45`: factors are multiples of 0.01, written without floating point. */
function times(thousandths: number): string {
  return `×${Math.floor(thousandths / 1000)}.${String(thousandths % 1000)
    .padStart(3, '0')
    .slice(0, 2)}`;
}

/** floor((x + d/2) / d) for x ≥ 0: DOMAIN.md's half-up rounding, for any divisor. */
function roundHalfUp(numerator: bigint, divisor: bigint): bigint {
  return (numerator * 2n + divisor) / (divisor * 2n);
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
