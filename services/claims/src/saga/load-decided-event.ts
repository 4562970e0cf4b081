import type { EntityManager } from 'typeorm';
import type { ClaimDecided } from '#libs/contracts';
import { decidedEvent, type ClaimFacts } from './decided-event.js';
import type { ClaimSagaState, LineVerdict } from './saga-state.js';

interface LineRow {
  line_index: number;
  code: string;
  units: number;
  charge: string;
}

/** The decided event (`decidedEvent`) for a decision the saga just took, with the claim's lines as billed. */
export async function loadDecidedEvent(
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
  const billed = rows.map((row) => ({
    index: row.line_index,
    code: row.code,
    units: row.units,
    charge: Number(row.charge),
  }));
  return decidedEvent(state, facts, decision, billed, estimate[0]?.estimate_id ?? null);
}
