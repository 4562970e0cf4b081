import {
  duplicateClaim,
  estimateInflation,
  excludedProvider,
  nearDuplicate,
  serviceAfterDeath,
} from './claim-rules.js';
import type { FraudFacts, RuleHit } from './fraud-facts.js';
import { chargeOutlier, impossibleDay, providerSpike } from './provider-rules.js';

export const FRAUD_RULES = [
  duplicateClaim,
  nearDuplicate,
  serviceAfterDeath,
  excludedProvider,
  impossibleDay,
  estimateInflation,
  chargeOutlier,
  providerSpike,
] as const;

export const DEFAULT_HOLD_THRESHOLD = 60;

export interface Screening {
  hits: RuleHit[];
  /** min(100, sum of points). */
  score: number;
  /** Every claim with a hit gets a flag. */
  flagged: boolean;
  held: boolean;
}

export function screenClaim(facts: FraudFacts, holdThreshold = DEFAULT_HOLD_THRESHOLD): Screening {
  const hits = FRAUD_RULES.map((rule) => rule(facts)).filter((hit): hit is RuleHit => hit !== null);
  const score = Math.min(
    100,
    hits.reduce((sum, hit) => sum + hit.points, 0),
  );
  return { hits, score, flagged: hits.length > 0, held: hits.length > 0 && score >= holdThreshold };
}
