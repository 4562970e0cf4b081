import type { ChargeHistory, FraudFacts, RuleHit } from './fraud-facts.js';

const MINUTES_PER_DAY = 1440;

/** The provider's typical minutes (units × typical minutes) on one service date, over all its claims. */
export function impossibleDay({ claim, providerDayClaims, typicalMinutes }: FraudFacts): RuleHit | null {
  const claims = [claim, ...providerDayClaims.filter((other) => other.id !== claim.id)];
  const minutes = claims
    .flatMap((each) => each.lines)
    .reduce((sum, line) => sum + line.units * (typicalMinutes.get(line.code) ?? 0), 0);
  if (minutes <= MINUTES_PER_DAY) return null;
  return {
    code: 'IMPOSSIBLE_DAY',
    points: 80,
    explanation: `${minutes} typical minutes billed on ${claim.serviceDate} over ${claims.length} claims`,
  };
}

const OUTLIER_MIN_SAMPLES = 20;

/** A line's charge per unit above 3 × the median for its code over the last 90 days (≥ 20 samples). */
export function chargeOutlier({ claim, chargeHistory }: FraudFacts): RuleHit | null {
  for (const line of claim.lines) {
    const history = chargeHistory.get(line.code);
    if (!history || history.samples < OUTLIER_MIN_SAMPLES) continue;
    const middle = history.median;
    // charge/units > 3 × median, kept in integers: charge > 3 × median × units
    if (line.charge > 3 * middle * line.units) {
      return {
        code: 'CHARGE_OUTLIER',
        points: 30,
        explanation: `${line.code} at ${Math.round(line.charge / line.units)} per unit vs median ${middle} over ${history.samples} lines`,
      };
    }
  }
  return null;
}

const SPIKE_MIN_HISTORY = 30;

/** The provider's claims in the last 24 h above 3 × its daily average over the previous 30 days (≥ 30 claims). */
export function providerSpike({ providerClaimsLast24h, providerClaimsPrevious30d }: FraudFacts): RuleHit | null {
  if (providerClaimsPrevious30d < SPIKE_MIN_HISTORY) return null;
  // last24h > 3 × (previous30d / 30), in integers: 10 × last24h > previous30d
  if (!(10 * providerClaimsLast24h > providerClaimsPrevious30d)) return null;
  return {
    code: 'PROVIDER_SPIKE',
    points: 30,
    explanation: `${providerClaimsLast24h} claims in 24 h vs ${(providerClaimsPrevious30d / 30).toFixed(1)} a day over 30 days`,
  };
}

/** The history of charges per unit as the rule reads it (the store computes the same in SQL). */
export function chargeHistoryOf(chargesPerUnit: readonly number[]): ChargeHistory {
  return { samples: chargesPerUnit.length, median: median(chargesPerUnit) };
}

/**
 * The median; for an even count, the mean of the two middle values (may be fractional). For an odd count
 * that is (m + m) / 2 = m too, exactly, which is how the store's SQL takes it.
 */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
