import type { EntityManager } from 'typeorm';
import type { ClaimSubmitted, ScreeningCompleted } from '#libs/contracts';
import type { Screening } from '../rules/screen-claim.js';
import type { PhiCipher } from '#libs/phi';
import { sealRules } from '../phi/fraud-phi.js';

/** Advisory-lock class of "one provider and service day" (the two-key form keeps it apart). */
const PROVIDER_DAY_LOCK = 5_101;

/**
 * Serialises screenings of one provider and service day until the transaction ends, so two twin
 * claims screened at once cannot each miss the other (DUPLICATE, NEAR_DUPLICATE, IMPOSSIBLE_DAY all
 * look at that day). A hash collision only serialises two unrelated days, which is harmless.
 */
export async function lockProviderDay(manager: EntityManager, claim: ClaimSubmitted): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [
    PROVIDER_DAY_LOCK,
    `${claim.providerId}|${claim.serviceDate}`,
  ]);
}

/** The result already published for this claim, if it was screened. */
export async function storedScreening(manager: EntityManager, claimId: string): Promise<ScreeningCompleted | null> {
  const rows: { score: number; held: boolean; flag_id: string | null }[] = await manager.query(
    `SELECT score, held, flag_id FROM screenings WHERE claim_id = $1`,
    [claimId],
  );
  const row = rows[0];
  return row ? { claimId, score: row.score, held: row.held, flagId: row.flag_id } : null;
}

/** The claim and its lines join the read models later claims are screened against. */
export async function storeScreenedClaim(
  manager: EntityManager,
  claim: ClaimSubmitted,
  insurerId: string | null,
): Promise<void> {
  const total = claim.lines.reduce((sum, line) => sum + BigInt(line.charge), 0n);
  await manager.query(
    `INSERT INTO screened_claims (claim_id, member_id, provider_id, insurer_id, service_date, submitted_at, estimate_id, total_charge)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      claim.claimId,
      claim.memberId,
      claim.providerId,
      insurerId,
      claim.serviceDate,
      claim.submittedAt,
      claim.estimateId,
      total.toString(),
    ],
  );
  await manager.query(
    `INSERT INTO screened_lines (claim_id, line_index, code, units, charge, submitted_at)
     SELECT $1, line.index, line.code, line.units, line.charge, $2
     FROM jsonb_to_recordset($3::jsonb) AS line(index int, code text, units int, charge bigint)`,
    [
      claim.claimId,
      claim.submittedAt,
      JSON.stringify(
        claim.lines.map((line, index) => ({ index, code: line.code, units: line.units, charge: line.charge })),
      ),
    ],
  );
}

/** Stores the verdict, and the flag with its first history entry when any rule hit. */
export async function storeScreening(
  manager: EntityManager,
  cipher: PhiCipher,
  claimId: string,
  insurerId: string | null,
  screening: Screening,
  flagId: string | null,
): Promise<void> {
  await manager.query(`INSERT INTO screenings (claim_id, score, held, flag_id) VALUES ($1, $2, $3, $4)`, [
    claimId,
    screening.score,
    screening.held,
    flagId,
  ]);
  if (flagId === null) return;
  await manager.query(
    `INSERT INTO flags (id, claim_id, insurer_id, score, held, status, rules, rule_codes)
     VALUES ($1, $2, $3, $4, $5, 'open', $6, $7)`,
    [
      flagId,
      claimId,
      insurerId,
      screening.score,
      screening.held,
      sealRules(cipher, flagId, screening.hits),
      // In the clear beside the sealed hits, for the queue's rule filter (the migration says why).
      screening.hits.map((hit) => hit.code),
    ],
  );
  await manager.query(`INSERT INTO flag_actions (flag_id, actor, action) VALUES ($1, 'system', 'flagged')`, [flagId]);
}
