import type { EntityManager } from 'typeorm';
import type { Verdict } from './decide-verification.js';

/** The verdict already given for a claim, if any: a claim is judged once, and a re-ask gets the same. */
export async function storedVerdict(manager: EntityManager, claimId: string): Promise<Verdict | null> {
  const rows: Verdict[] = await manager.query(`SELECT verified, reason FROM verifications WHERE claim_id = $1`, [
    claimId,
  ]);
  return rows[0] ?? null;
}

/**
 * Stores `verdict` unless the claim already has one, and returns the one kept: of a concurrent submission
 * and re-ask of one claim, whichever stored first is the verdict both publish.
 */
export async function keepFirstVerdict(manager: EntityManager, claimId: string, verdict: Verdict): Promise<Verdict> {
  const kept: Verdict[] = await manager.query(
    `INSERT INTO verifications (claim_id, verified, reason) VALUES ($1, $2, $3)
     ON CONFLICT (claim_id) DO UPDATE SET claim_id = EXCLUDED.claim_id
     RETURNING verified, reason`,
    [claimId, verdict.verified, verdict.reason],
  );
  return kept[0];
}
