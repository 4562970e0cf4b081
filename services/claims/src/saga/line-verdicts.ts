import type { ClaimProcessReason } from '#libs/contracts';
import type { LineVerdict } from './saga-state.js';

/** Coverage's line answers as the claim's line verdicts, in line order. */
export function verdictsOf(
  lines: { index: number; status: 'covered' | 'denied'; reason: string | null }[],
): LineVerdict[] {
  return [...lines]
    .sort((a, b) => a.index - b.index)
    .map((line) =>
      line.status === 'covered'
        ? { index: line.index, status: 'approved', reason: null }
        : { index: line.index, status: 'denied', reason: line.reason ?? ('DENIED' satisfies ClaimProcessReason) },
    );
}

/** Every line of the claim denied for one reason (a check that denied the whole claim). */
export function everyLineDenied(lineCount: number, reason: string): LineVerdict[] {
  return Array.from({ length: lineCount }, (_, index) => ({ index, status: 'denied', reason }));
}

/**
 * The claim's denial reason when coverage denied every line: their common reason if they share one, else
 * `otherwise` (the saga's ALL_LINES_DENIED).
 */
export function sharedReason(verdicts: LineVerdict[], otherwise: string): string {
  const reasons = new Set(verdicts.map((line) => line.reason));
  const [only] = reasons;
  return reasons.size === 1 && only ? only : otherwise;
}
