import { RULES, type LabelledClaim } from './workload-kit.js';

/** What the pipeline said about one claim: the rules its flag names (none without a flag) and the hold. */
export interface Verdict {
  rules: string[];
  held: boolean;
}

export interface RuleScore {
  rule: string;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
}

export interface EvalScore {
  perRule: RuleScore[];
  overall: RuleScore;
  cleanClaims: number;
  falseHolds: number;
  falseFlags: number;
  fraudClaims: number;
  fraudHeld: number;
  missing: number;
}

const ratio = (numerator: number, denominator: number): number => (denominator === 0 ? 1 : numerator / denominator);

function score(rule: string, tp: number, fp: number, fn: number): RuleScore {
  return {
    rule,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
  };
}

/**
 * Precision and recall per rule over (claim, rule) pairs: a hit the label does not expect is a false
 * positive, an expected rule that did not hit a false negative. Overall sums the pairs of every rule.
 * A claim with no verdict at all counts as missing (and its expected rules as misses).
 */
export function scoreEval(claims: readonly LabelledClaim[], verdicts: ReadonlyMap<string, Verdict>): EvalScore {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>(
    RULES.map((rule) => [rule, { tp: 0, fp: 0, fn: 0 }]),
  );
  let cleanClaims = 0;
  let falseHolds = 0;
  let falseFlags = 0;
  let fraudClaims = 0;
  let fraudHeld = 0;
  let missing = 0;
  for (const { claim, expected, scored = true } of claims) {
    if (!scored) continue;
    const verdict = verdicts.get(claim.claimId);
    if (!verdict) missing++;
    const hit = new Set(verdict?.rules ?? []);
    for (const rule of RULES) {
      const count = counts.get(rule)!;
      const wanted = expected.includes(rule);
      if (wanted && hit.has(rule)) count.tp++;
      else if (hit.has(rule)) count.fp++;
      else if (wanted) count.fn++;
    }
    if (expected.length === 0) {
      cleanClaims++;
      if (verdict?.held) falseHolds++;
      if (hit.size > 0) falseFlags++;
    } else {
      fraudClaims++;
      if (verdict?.held) fraudHeld++;
    }
  }
  const perRule = RULES.map((rule) => {
    const { tp, fp, fn } = counts.get(rule)!;
    return score(rule, tp, fp, fn);
  });
  const sum = (pick: (s: RuleScore) => number) => perRule.reduce((total, s) => total + pick(s), 0);
  const overall = score(
    'overall',
    sum((s) => s.truePositives),
    sum((s) => s.falsePositives),
    sum((s) => s.falseNegatives),
  );
  return { perRule, overall, cleanClaims, falseHolds, falseFlags, fraudClaims, fraudHeld, missing };
}

const pct = (value: number) => `${(value * 100).toFixed(1)} %`;

export function formatScore(result: EvalScore, holdThreshold: number): string {
  const rows = [...result.perRule, result.overall].map(
    (s) =>
      `| ${s.rule} | ${s.truePositives} | ${s.falsePositives} | ${s.falseNegatives} | ${s.precision.toFixed(3)} | ${s.recall.toFixed(3)} |`,
  );
  return [
    '| rule | TP | FP | FN | precision | recall |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    `clean claims: ${result.cleanClaims}; held (false holds): ${result.falseHolds} = ${pct(result.falseHolds / Math.max(1, result.cleanClaims))}; ` +
      `flagged below the hold: ${result.falseFlags - result.falseHolds}`,
    `fraud claims: ${result.fraudClaims}; held at threshold ${holdThreshold}: ${result.fraudHeld}` +
      ` (NEAR_DUPLICATE, ESTIMATE_INFLATION, CHARGE_OUTLIER and PROVIDER_SPIKE alone score below 60 by design)`,
    `claims without a screening: ${result.missing}`,
  ].join('\n');
}
