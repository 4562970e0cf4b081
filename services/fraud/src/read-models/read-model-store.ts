import type { EntityManager } from 'typeorm';
import type { EstimateCreated, MemberSnapshot } from '#libs/contracts';
import type { PhiCipher } from '#libs/phi';
import { sealDateOfDeath } from '../phi/fraud-phi.js';

/**
 * Keeps each member's date of death (sealed) and insurer from a batch of snapshots, in one statement; a
 * snapshot older than the one held is ignored (of one member's snapshots in the batch, the first of the
 * highest version counts), so snapshots arriving out of order never undo a newer change.
 */
export async function applyMemberSnapshots(
  manager: EntityManager,
  cipher: PhiCipher,
  snapshots: readonly MemberSnapshot[],
): Promise<void> {
  const newest = new Map<string, MemberSnapshot>();
  const first = new Map<string, MemberSnapshot>();
  for (const snapshot of snapshots) {
    const held = newest.get(snapshot.memberId);
    if (!held || held.version < snapshot.version) newest.set(snapshot.memberId, snapshot);
    if (!first.has(snapshot.memberId)) first.set(snapshot.memberId, snapshot);
  }
  const rows = [...newest.values()].map((member) => ({
    member_id: member.memberId,
    insurer_id: member.insurerId,
    date_of_death: sealDateOfDeath(cipher, member.memberId, member.dateOfDeath),
    version: member.version,
  }));
  // A claim screened before its member was known has no insurer, so no analyst could see its flag: the
  // member's first snapshot fills it in (as when each snapshot was handled in a transaction of its own).
  const insurers = [...first.values()].map((member) => ({ member_id: member.memberId, insurer_id: member.insurerId }));
  await manager.query(
    `WITH kept AS (
       INSERT INTO members (member_id, insurer_id, date_of_death, version)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS m(member_id text, insurer_id text, date_of_death text, version int)
       ON CONFLICT (member_id) DO UPDATE
         SET insurer_id = EXCLUDED.insurer_id, date_of_death = EXCLUDED.date_of_death, version = EXCLUDED.version
       WHERE members.version < EXCLUDED.version
     ), known AS (
       SELECT * FROM jsonb_to_recordset($2::jsonb) AS k(member_id text, insurer_id text)
     ), flagged AS (
       UPDATE flags f SET insurer_id = known.insurer_id
       FROM screened_claims c JOIN known ON known.member_id = c.member_id
       WHERE f.insurer_id IS NULL AND f.claim_id = c.claim_id
     )
     UPDATE screened_claims c SET insurer_id = known.insurer_id
     FROM known WHERE c.member_id = known.member_id AND c.insurer_id IS NULL`,
    [JSON.stringify(rows), JSON.stringify(insurers)],
  );
}

/** Estimates never change once created: the first copy wins. */
export async function storeEstimates(manager: EntityManager, estimates: readonly EstimateCreated[]): Promise<void> {
  await manager.query(
    `INSERT INTO estimates (estimate_id, member_id, provider_id, total_charge)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS e(estimate_id text, member_id text, provider_id text, total_charge bigint)
     ON CONFLICT (estimate_id) DO NOTHING`,
    [
      JSON.stringify(
        estimates.map((estimate) => ({
          estimate_id: estimate.estimateId,
          member_id: estimate.memberId,
          provider_id: estimate.providerId,
          total_charge: estimate.totalCharge,
        })),
      ),
    ],
  );
}

/** Claims the saga denied no longer count as earlier claims for DUPLICATE/NEAR_DUPLICATE. */
export async function markClaimsDenied(manager: EntityManager, claimIds: readonly string[]): Promise<void> {
  if (!claimIds.length) return;
  await manager.query(`INSERT INTO claim_denials (claim_id) SELECT unnest($1::uuid[]) ON CONFLICT DO NOTHING`, [
    claimIds,
  ]);
}
