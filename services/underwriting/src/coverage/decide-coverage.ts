import { policyReason } from './policy-eligibility.js';
import type { ClaimLineFacts, CoverageFacts, CoverageReason, LineVerdict, NcciPair } from './coverage-facts.js';

/** Modifiers that mark a column-2 service as distinct (NCCI-associated modifiers). */
const NCCI_BYPASS_MODIFIERS = new Set(['59', 'XE', 'XP', 'XS', 'XU']);

/**
 * The coverage decision of DOMAIN.md, per line in submitted order; the first reason that applies wins.
 * Lines denied for reasons 1–5 do not take part in the NCCI and MUE edits of later lines.
 */
export function decideCoverage(facts: CoverageFacts): LineVerdict[] {
  const claimLevel = policyReason(facts.policy, facts.serviceDate);
  const pairs = facts.ncciPairs.filter((pair) => isInForce(pair, facts.serviceDate));
  const beforeEdits = facts.lines.map((line) => claimLevel ?? lineReasonBeforeEdits(line, facts));
  const billedHere = facts.lines.filter((_, index) => beforeEdits[index] === null);
  const unitsSoFar = unitsByCode(facts.earlierLines);

  return facts.lines.map((line, index) => {
    const reason = beforeEdits[index] ?? editReason(line, billedHere, facts.earlierLines, pairs, unitsSoFar, facts);
    if (reason) return { status: 'denied', reason };
    unitsSoFar.set(line.code, (unitsSoFar.get(line.code) ?? 0) + line.units);
    return { status: 'covered' };
  });
}


function lineReasonBeforeEdits(line: ClaimLineFacts, facts: CoverageFacts): CoverageReason | null {
  const plan = facts.policy!.plan;
  const procedure = facts.procedures.get(line.code);
  if (!procedure) return 'UNKNOWN_CODE';
  if (plan.excludedCodes.includes(line.code)) return 'EXCLUDED';
  if (!plan.coveredCodes.includes(line.code) && !plan.coveredCategories.includes(procedure.category)) {
    return 'NOT_COVERED';
  }
  if (plan.preauthCodes.includes(line.code) && !isPreauthorized(line.code, facts)) return 'PREAUTH_REQUIRED';
  return null;
}

function isPreauthorized(code: string, { preauthorization: auth, memberId, providerId, serviceDate }: CoverageFacts): boolean {
  return (
    auth !== null &&
    auth.memberId === memberId &&
    auth.providerId === providerId &&
    auth.approvedCodes.includes(code) &&
    auth.validFrom <= serviceDate &&
    serviceDate <= auth.validUntil
  );
}

function editReason(
  line: ClaimLineFacts,
  billedHere: readonly ClaimLineFacts[],
  earlier: readonly ClaimLineFacts[],
  pairs: readonly NcciPair[],
  unitsSoFar: ReadonlyMap<string, number>,
  facts: CoverageFacts,
): CoverageReason | null {
  const billedCodes = new Set([...billedHere, ...earlier].map((other) => other.code));
  const unbundled = pairs.some(
    (pair) =>
      pair.column2 === line.code &&
      billedCodes.has(pair.column1) &&
      !(pair.modifierIndicator === 1 && line.modifiers.some((modifier) => NCCI_BYPASS_MODIFIERS.has(modifier))),
  );
  if (unbundled) return 'NCCI_UNBUNDLED';
  const mue = facts.procedures.get(line.code)!.mueUnitsPerDay;
  if ((unitsSoFar.get(line.code) ?? 0) + line.units > mue) return 'MUE_EXCEEDED';
  return null;
}

function isInForce(pair: NcciPair, date: string): boolean {
  // CMS deletion dates are the first day the edit no longer applies.
  return pair.effectiveDate <= date && (pair.deletionDate === null || date < pair.deletionDate);
}

function unitsByCode(lines: readonly ClaimLineFacts[]): Map<string, number> {
  const units = new Map<string, number>();
  for (const line of lines) units.set(line.code, (units.get(line.code) ?? 0) + line.units);
  return units;
}
