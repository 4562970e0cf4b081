import type { PricingDenialReason } from '#libs/contracts';
import { percentOf } from './money.js';

/** Plan benefits that pricing needs (DOMAIN.md, Plan). Amounts in minor units, percentages 0–100. */
export interface Benefits {
  deductible: number;
  coinsurancePct: number;
  outOfNetworkCoinsurancePct: number;
  copays: Record<string, number>;
  oopMax: number;
  /** 0 = no annual limit. */
  annualLimit: number;
}

export interface Accumulators {
  deductibleMet: number;
  oopMet: number;
  planPaid: number;
}

export interface LineToPrice {
  code: string;
  category: string;
  units: number;
  charge: number;
  /** Coverage verdict from underwriting; `null` reason when covered. */
  coverage: { status: 'covered' } | { status: 'denied'; reason: string };
}

export interface PricedLine {
  code: string;
  units: number;
  charge: number;
  status: 'covered' | 'denied';
  reason?: string;
  allowed: number;
  deductible: number;
  copay: number;
  coinsurance: number;
  planPays: number;
  patientPays: number;
  balanceBill: number;
  providerWriteOff: number;
}

export interface PricingInput {
  benefits: Benefits;
  network: 'in' | 'out';
  /** Insurer fee schedule: code → amount per unit. */
  fees: ReadonlyMap<string, number>;
  accumulators: Accumulators;
  lines: LineToPrice[];
}

export interface PricingResult {
  lines: PricedLine[];
  totals: { charge: number; allowed: number; planPays: number; patientPays: number };
  /** The accumulators after every line, to store when a claim is priced (an estimate reserves nothing). */
  accumulators: Accumulators;
}

/** Reasons for which the patient owes the charge of a denied line; for any other the provider may not bill. */
const PATIENT_LIABLE_REASONS = new Set(['NOT_COVERED', 'EXCLUDED', 'NOT_ELIGIBLE']);

/**
 * The pricing formula of DOMAIN.md, one function for estimates and claims: lines are priced in order,
 * each on the accumulators the previous lines left.
 */
export function priceLines(input: PricingInput): PricingResult {
  let accumulators = { ...input.accumulators };
  const lines = input.lines.map((line) => {
    const fee = input.fees.get(line.code);
    if (line.coverage.status === 'denied') return deniedLine(line, line.coverage.reason);
    if (fee === undefined) return deniedLine(line, 'NO_FEE_SCHEDULE' satisfies PricingDenialReason);
    const priced = priceCoveredLine(line, fee, input.benefits, input.network, accumulators);
    accumulators = priced.accumulators;
    return priced.line;
  });
  return { lines, totals: totalsOf(lines), accumulators };
}

function deniedLine(line: LineToPrice, reason: string): PricedLine {
  return {
    code: line.code,
    units: line.units,
    charge: line.charge,
    status: 'denied',
    reason,
    allowed: 0,
    deductible: 0,
    copay: 0,
    coinsurance: 0,
    planPays: 0,
    patientPays: PATIENT_LIABLE_REASONS.has(reason) ? line.charge : 0,
    balanceBill: 0,
    providerWriteOff: 0,
  };
}

function priceCoveredLine(
  line: LineToPrice,
  fee: number,
  benefits: Benefits,
  network: 'in' | 'out',
  before: Accumulators,
): { line: PricedLine; accumulators: Accumulators } {
  const allowed = Math.min(line.charge, fee * line.units);
  const pct = network === 'in' ? benefits.coinsurancePct : benefits.outOfNetworkCoinsurancePct;
  const providerWriteOff = network === 'in' ? line.charge - allowed : 0;
  const balanceBill = network === 'out' ? line.charge - allowed : 0;

  const copay = benefits.copays[line.category];
  const parts =
    copay !== undefined
      ? { deductible: 0, copay: Math.min(copay, allowed), coinsurance: 0 }
      : memberPartsBeforeCap(allowed, pct, benefits.deductible - before.deductibleMet);
  const capped = applyOopCap(parts, Math.max(0, benefits.oopMax - before.oopMet));
  const memberShareBeforeCut = capped.deductible + capped.copay + capped.coinsurance;

  let planPays = allowed - memberShareBeforeCut;
  let memberShare = memberShareBeforeCut;
  if (benefits.annualLimit > 0) {
    const cut = Math.max(0, planPays - Math.max(0, benefits.annualLimit - before.planPaid));
    planPays -= cut;
    memberShare += cut;
  }

  return {
    line: {
      code: line.code,
      units: line.units,
      charge: line.charge,
      status: 'covered',
      allowed,
      ...capped,
      planPays,
      patientPays: memberShare + balanceBill,
      balanceBill,
      providerWriteOff,
    },
    // Balance bills and annual-limit cuts do not count toward oopMet (DOMAIN.md).
    accumulators: {
      deductibleMet: before.deductibleMet + capped.deductible,
      oopMet: before.oopMet + memberShareBeforeCut,
      planPaid: before.planPaid + planPays,
    },
  };
}

interface MemberParts {
  deductible: number;
  copay: number;
  coinsurance: number;
}

function memberPartsBeforeCap(allowed: number, pct: number, deductibleRemaining: number): MemberParts {
  const deductible = Math.min(allowed, Math.max(0, deductibleRemaining));
  return { deductible, copay: 0, coinsurance: percentOf(allowed - deductible, pct) };
}

/** The OOP cap takes its reduction from coinsurance first, then copay, then deductible (DOMAIN.md). */
function applyOopCap(parts: MemberParts, oopRemaining: number): MemberParts {
  let excess = Math.max(0, parts.deductible + parts.copay + parts.coinsurance - oopRemaining);
  const take = (amount: number): number => {
    const taken = Math.min(amount, excess);
    excess -= taken;
    return amount - taken;
  };
  const coinsurance = take(parts.coinsurance);
  const copay = take(parts.copay);
  const deductible = take(parts.deductible);
  return { deductible, copay, coinsurance };
}

function totalsOf(lines: PricedLine[]): PricingResult['totals'] {
  return lines.reduce(
    (sum, line) => ({
      charge: sum.charge + line.charge,
      allowed: sum.allowed + line.allowed,
      planPays: sum.planPays + line.planPays,
      patientPays: sum.patientPays + line.patientPays,
    }),
    { charge: 0, allowed: 0, planPays: 0, patientPays: 0 },
  );
}
