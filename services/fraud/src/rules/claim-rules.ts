import type { FraudFacts, RuleHit, ScreenedClaim } from './fraud-facts.js';

const shortId = (id: string): string => `${id.slice(0, 8)}…`;

function linesKey(claim: ScreenedClaim): string {
  return claim.lines
    .map((line) => `${line.code}x${line.units}`)
    .sort()
    .join(',');
}

/** Same member, provider, service date and multiset of (code, units) as an earlier claim not denied. */
export function duplicateClaim({ claim, sameDayClaims }: FraudFacts): RuleHit | null {
  const key = linesKey(claim);
  const twin = sameDayClaims.find((earlier) => earlier.id !== claim.id && linesKey(earlier) === key);
  if (!twin) return null;
  return {
    code: 'DUPLICATE_CLAIM',
    points: 100,
    explanation: `same lines as claim ${shortId(twin.id)} of ${twin.serviceDate}`,
  };
}

/** Same member, provider and service date as an earlier claim, sharing at least one code. */
export function nearDuplicate({ claim, sameDayClaims }: FraudFacts): RuleHit | null {
  const codes = new Set(claim.lines.map((line) => line.code));
  for (const earlier of sameDayClaims) {
    if (earlier.id === claim.id) continue;
    const shared = earlier.lines.map((line) => line.code).filter((code) => codes.has(code));
    if (shared.length > 0) {
      return {
        code: 'NEAR_DUPLICATE',
        points: 40,
        explanation: `shares ${[...new Set(shared)].join(', ')} with claim ${shortId(earlier.id)} of ${earlier.serviceDate}`,
      };
    }
  }
  return null;
}

export function serviceAfterDeath({ claim, memberDateOfDeath }: FraudFacts): RuleHit | null {
  if (memberDateOfDeath === null || !(memberDateOfDeath < claim.serviceDate)) return null;
  return {
    code: 'SERVICE_AFTER_DEATH',
    points: 100,
    explanation: `service on ${claim.serviceDate}, member's date of death ${memberDateOfDeath}`,
  };
}

export function excludedProvider({ claim, providerExclusions }: FraudFacts): RuleHit | null {
  const hit = providerExclusions.find(
    (exclusion) => exclusion.from <= claim.serviceDate && (exclusion.to === null || claim.serviceDate <= exclusion.to),
  );
  if (!hit) return null;
  return {
    code: 'EXCLUDED_PROVIDER',
    points: 100,
    explanation: `provider excluded from ${hit.from}${hit.to ? ` to ${hit.to}` : ''} (${hit.reason})`,
  };
}

/** The estimate's total charge exceeded by more than 20 %: compared in integers, 5 × claim > 6 × estimate. */
export function estimateInflation({ claim, estimateTotalCharge }: FraudFacts): RuleHit | null {
  if (estimateTotalCharge === null || claim.estimateId === null) return null;
  const total = claim.lines.reduce((sum, line) => sum + line.charge, 0);
  if (!(5 * total > 6 * estimateTotalCharge)) return null;
  return {
    code: 'ESTIMATE_INFLATION',
    points: 40,
    explanation: `total charge ${total} vs ${estimateTotalCharge} on estimate ${shortId(claim.estimateId)}`,
  };
}
