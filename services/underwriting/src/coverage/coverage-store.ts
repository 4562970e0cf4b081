import type { EntityManager } from 'typeorm';
import type { ClaimSubmitted, CoverageDecided } from '#libs/contracts';
import type { ClaimLineFacts } from './coverage-facts.js';

/** Advisory-lock class of "one member, provider and service day" (the two-key form keeps it apart). */
const MEMBER_PROVIDER_DAY_LOCK = 1_302;

/**
 * Serialises decisions of one member, provider and service day until the transaction ends, so two
 * claims decided at once cannot both see the other as absent and both pass MUE or NCCI. A hash
 * collision only serialises two unrelated days, which is harmless.
 */
export async function lockMemberProviderDay(manager: EntityManager, claim: ClaimSubmitted): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [
    MEMBER_PROVIDER_DAY_LOCK,
    `${claim.memberId}|${claim.providerId}|${claim.serviceDate}`,
  ]);
}

/** The decision already made for this claim, exactly as it was published. */
export async function storedDecision(manager: EntityManager, claimId: string): Promise<CoverageDecided | null> {
  const rows: { decision: CoverageDecided }[] = await manager.query(
    `SELECT decision FROM coverage_decisions WHERE claim_id = $1`,
    [claimId],
  );
  return rows[0]?.decision ?? null;
}

/** Stores the decision and its lines (the read model of what was billed on that day). */
export async function storeDecision(
  manager: EntityManager,
  claim: ClaimSubmitted,
  decision: CoverageDecided,
): Promise<void> {
  await manager.query(
    `INSERT INTO coverage_decisions (claim_id, member_id, provider_id, service_date, insurer_id, plan_id, decision)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      claim.claimId,
      claim.memberId,
      claim.providerId,
      claim.serviceDate,
      decision.insurerId,
      decision.planId,
      JSON.stringify(decision),
    ],
  );
  await manager.query(
    `INSERT INTO decided_lines (claim_id, line_index, member_id, provider_id, service_date, code, units, modifiers, denied)
     SELECT $1, line.index, $2, $3, $4, line.code, line.units, line.modifiers, line.denied
     FROM jsonb_to_recordset($5::jsonb) AS line(index int, code text, units int, modifiers text[], denied boolean)`,
    [
      claim.claimId,
      claim.memberId,
      claim.providerId,
      claim.serviceDate,
      JSON.stringify(
        claim.lines.map((line, index) => ({
          index,
          code: line.code,
          units: line.units,
          modifiers: line.modifiers,
          denied: decision.lines[index].status === 'denied',
        })),
      ),
    ],
  );
}

/**
 * Covered lines of other claims of the same member, provider and service date, leaving out claims
 * the saga denied since (claims.claim.decided.v1): what counts as billed for NCCI and MUE.
 */
export async function earlierBilledLines(manager: EntityManager, claim: ClaimSubmitted): Promise<ClaimLineFacts[]> {
  return manager.query(
    `SELECT line.code, line.units, line.modifiers
     FROM decided_lines line
     WHERE line.member_id = $1 AND line.provider_id = $2 AND line.service_date = $3 AND line.claim_id <> $4
       AND NOT line.denied
       AND NOT EXISTS (SELECT 1 FROM claim_denials denial WHERE denial.claim_id = line.claim_id)
     ORDER BY line.claim_id, line.line_index`,
    [claim.memberId, claim.providerId, claim.serviceDate, claim.claimId],
  );
}

/** Records that the saga denied a claim, whether or not its coverage was decided here yet. */
export async function markClaimDenied(manager: EntityManager, claimId: string): Promise<void> {
  await manager.query(`INSERT INTO claim_denials (claim_id) VALUES ($1) ON CONFLICT DO NOTHING`, [claimId]);
}
