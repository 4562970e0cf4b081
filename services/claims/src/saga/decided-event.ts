import type { EntityManager } from 'typeorm';
import type { ClaimDecided } from '#libs/contracts';
import type { ClaimFacts } from './saga-store.js';
import type { ClaimSagaState, LineVerdict } from './saga-state.js';

interface LineRow {
  line_index: number;
  code: string;
  units: number;
  charge: string;
}

/**
 * `claims.claim.decided.v1` for a decision the saga just took: the verdicts with each line as billed
 * and its category from the coverage answer, plus the plan, currency and cited estimate, so billing can
 * price an approved claim from this one message.
 */
export async function buildDecidedEvent(
  manager: EntityManager,
  state: ClaimSagaState,
  facts: ClaimFacts,
  decision: { status: 'approved' | 'denied'; reason: string | null; lines: LineVerdict[] },
): Promise<ClaimDecided> {
  const rows: LineRow[] = await manager.query(
    `SELECT line_index, code, units, charge::text AS charge FROM claim_lines WHERE claim_id = $1 ORDER BY line_index`,
    [state.claimId],
  );
  const estimate: { estimate_id: string | null }[] = await manager.query(
    `SELECT estimate_id FROM claims WHERE id = $1`,
    [state.claimId],
  );
  const coverage = state.checks.coverage.answer;
  const categoryOf = new Map(coverage?.lines.map((line) => [line.index, line.category ?? null]));
  const billed = new Map(rows.map((row) => [row.line_index, row]));
  return {
    claimId: state.claimId,
    ...facts,
    insurerId: state.insurerId,
    status: decision.status,
    reason: decision.reason,
    planId: coverage?.planId ?? null,
    currency: state.currency,
    estimateId: estimate[0]?.estimate_id ?? null,
    lines: decision.lines.map((verdict) => {
      const line = billed.get(verdict.index);
      if (!line) throw new Error(`claim ${state.claimId} has no line ${verdict.index} to decide`);
      return {
        ...verdict,
        code: line.code,
        units: line.units,
        charge: Number(line.charge),
        category: categoryOf.get(verdict.index) ?? null,
      };
    }),
  };
}
