import type { EntityManager } from 'typeorm';
import { keepNewerSnapshot } from '#libs/persistence';
import type { EstimateCreated, MemberSnapshot } from '#libs/contracts';
import type { PhiCipher } from '#libs/phi';
import { sealDateOfDeath } from '../phi/fraud-phi.js';

/**
 * Keeps a member's date of death (sealed) and insurer; a snapshot older than the one held is ignored, so
 * snapshots arriving out of order never undo a newer change.
 */
export async function applyMemberSnapshot(
  manager: EntityManager,
  cipher: PhiCipher,
  member: MemberSnapshot,
): Promise<void> {
  await keepNewerSnapshot(manager, 'members', 'member_id', {
    member_id: member.memberId,
    insurer_id: member.insurerId,
    date_of_death: sealDateOfDeath(cipher, member.memberId, member.dateOfDeath),
    version: member.version,
  });
  // A claim screened before its member was known has no insurer, so no analyst could see its flag.
  await manager.query(
    `UPDATE flags SET insurer_id = $2
     WHERE insurer_id IS NULL AND claim_id IN (SELECT claim_id FROM screened_claims WHERE member_id = $1)`,
    [member.memberId, member.insurerId],
  );
  await manager.query(`UPDATE screened_claims SET insurer_id = $2 WHERE member_id = $1 AND insurer_id IS NULL`, [
    member.memberId,
    member.insurerId,
  ]);
}

/** Estimates never change once created: the first copy wins. */
export async function storeEstimate(manager: EntityManager, estimate: EstimateCreated): Promise<void> {
  await manager.query(
    `INSERT INTO estimates (estimate_id, member_id, provider_id, total_charge) VALUES ($1, $2, $3, $4)
     ON CONFLICT (estimate_id) DO NOTHING`,
    [estimate.estimateId, estimate.memberId, estimate.providerId, estimate.totalCharge],
  );
}

/** A claim the saga denied no longer counts as an earlier claim for DUPLICATE/NEAR_DUPLICATE. */
export async function markClaimDenied(manager: EntityManager, claimId: string): Promise<void> {
  await manager.query(`INSERT INTO claim_denials (claim_id) VALUES ($1) ON CONFLICT DO NOTHING`, [claimId]);
}
