import type { EntityManager } from 'typeorm';
import type { ClaimSubmitted } from '#libs/contracts';
import type { PhiCipher } from '#libs/phi';
import { openDateOfDeath } from '../phi/fraud-phi.js';
import type { Exclusion, FraudFacts, ScreenedClaim } from '../rules/fraud-facts.js';

const DAY_MS = 24 * 60 * 60 * 1000;

interface ClaimRow {
  claim_id: string;
  member_id: string;
  provider_id: string;
  service_date: string;
  submitted_at: Date;
  estimate_id: string | null;
  lines: { code: string; units: number; charge: string | number }[];
}

// Other claims with their lines, leaving out claims the saga denied (claims.claim.decided.v1).
const CLAIMS_WITH_LINES = `
  SELECT c.claim_id, c.member_id, c.provider_id, to_char(c.service_date, 'YYYY-MM-DD') AS service_date,
         c.submitted_at, c.estimate_id,
         (SELECT json_agg(json_build_object('code', l.code, 'units', l.units, 'charge', l.charge) ORDER BY l.line_index)
            FROM screened_lines l WHERE l.claim_id = c.claim_id) AS lines
  FROM screened_claims c
  WHERE c.claim_id <> $1 AND NOT EXISTS (SELECT 1 FROM claim_denials d WHERE d.claim_id = c.claim_id)`;

function toScreened(row: ClaimRow): ScreenedClaim {
  return {
    id: row.claim_id,
    memberId: row.member_id,
    providerId: row.provider_id,
    serviceDate: row.service_date,
    submittedAt: row.submitted_at.toISOString(),
    estimateId: row.estimate_id,
    lines: (row.lines ?? []).map((line) => ({ code: line.code, units: line.units, charge: Number(line.charge) })),
  };
}

export function asScreenedClaim(claim: ClaimSubmitted): ScreenedClaim {
  return {
    id: claim.claimId,
    memberId: claim.memberId,
    providerId: claim.providerId,
    serviceDate: claim.serviceDate,
    submittedAt: claim.submittedAt,
    estimateId: claim.estimateId,
    lines: claim.lines.map(({ code, units, charge }) => ({ code, units, charge })),
  };
}

/** Everything the rules look at, from the read models, for a claim not yet stored among them. */
export async function gatherFraudFacts(
  manager: EntityManager,
  cipher: PhiCipher,
  claim: ClaimSubmitted,
  insurerId: string | null,
  typicalMinutes: ReadonlyMap<string, number>,
): Promise<FraudFacts> {
  const at = new Date(claim.submittedAt);
  const providerDay: ClaimRow[] = await manager.query(
    `${CLAIMS_WITH_LINES} AND c.provider_id = $2 AND c.service_date = $3 ORDER BY c.submitted_at, c.claim_id`,
    [claim.claimId, claim.providerId, claim.serviceDate],
  );
  const providerDayClaims = providerDay.map(toScreened);
  return {
    claim: asScreenedClaim(claim),
    sameDayClaims: providerDayClaims.filter((other) => other.memberId === claim.memberId),
    memberDateOfDeath: await dateOfDeath(manager, cipher, claim.memberId),
    providerExclusions: await exclusionsOf(manager, claim.providerId, insurerId),
    providerDayClaims,
    typicalMinutes,
    estimateTotalCharge: await estimateTotal(manager, claim.estimateId),
    chargeHistory: await chargeHistory(manager, claim, at),
    // This claim and the provider's others of the 24 h up to it; then the 30 days before those 24 h.
    providerClaimsLast24h: (await providerClaimsBetween(manager, claim, at.getTime() - DAY_MS, at.getTime())) + 1,
    providerClaimsPrevious30d: await providerClaimsBetween(
      manager,
      claim,
      at.getTime() - 31 * DAY_MS,
      at.getTime() - DAY_MS,
    ),
  };
}

/** Sealed at rest: opened here, and compared with the service date by the rule in TypeScript. */
async function dateOfDeath(manager: EntityManager, cipher: PhiCipher, memberId: string): Promise<string | null> {
  const rows: { date_of_death: string | null }[] = await manager.query(
    `SELECT date_of_death FROM members WHERE member_id = $1`,
    [memberId],
  );
  return openDateOfDeath(cipher, memberId, rows[0]?.date_of_death ?? null);
}

/** The member's insurer as underwriting last told us, when the claim does not say. */
export async function memberInsurer(manager: EntityManager, memberId: string): Promise<string | null> {
  const rows: { insurer_id: string }[] = await manager.query(`SELECT insurer_id FROM members WHERE member_id = $1`, [
    memberId,
  ]);
  return rows[0]?.insurer_id ?? null;
}

/** Exclusions for every insurer (an admin's) and those of the claim's insurer. */
async function exclusionsOf(
  manager: EntityManager,
  providerId: string,
  insurerId: string | null,
): Promise<Exclusion[]> {
  const rows: { from: string; to: string | null; reason: string }[] = await manager.query(
    `SELECT to_char(from_date, 'YYYY-MM-DD') AS "from", to_char(to_date, 'YYYY-MM-DD') AS "to", reason
     FROM exclusions WHERE provider_id = $1 AND (insurer_id IS NULL OR insurer_id = $2) ORDER BY from_date`,
    [providerId, insurerId],
  );
  return rows;
}

async function estimateTotal(manager: EntityManager, estimateId: string | null): Promise<number | null> {
  if (estimateId === null) return null;
  const rows: { total_charge: string }[] = await manager.query(
    `SELECT total_charge FROM estimates WHERE estimate_id = $1`,
    [estimateId],
  );
  return rows[0] ? Number(rows[0].total_charge) : null;
}

/** Per code of the claim: charge per unit of every line of the 90 days before it (any provider). */
async function chargeHistory(manager: EntityManager, claim: ClaimSubmitted, at: Date): Promise<Map<string, number[]>> {
  const rows: { code: string; charge: string; units: number }[] = await manager.query(
    `SELECT code, charge, units FROM screened_lines
     WHERE code = ANY($1::text[]) AND submitted_at >= $2 AND submitted_at < $3 AND claim_id <> $4`,
    [[...new Set(claim.lines.map((line) => line.code))], new Date(at.getTime() - 90 * DAY_MS), at, claim.claimId],
  );
  const history = new Map<string, number[]>();
  for (const row of rows) {
    const samples = history.get(row.code) ?? [];
    samples.push(Number(row.charge) / row.units);
    history.set(row.code, samples);
  }
  return history;
}

/** The provider's other claims submitted in (fromMs, toMs]. */
async function providerClaimsBetween(
  manager: EntityManager,
  claim: ClaimSubmitted,
  fromMs: number,
  toMs: number,
): Promise<number> {
  const rows: { count: string }[] = await manager.query(
    `SELECT count(*) FROM screened_claims
     WHERE provider_id = $1 AND submitted_at > $2 AND submitted_at <= $3 AND claim_id <> $4`,
    [claim.providerId, new Date(fromMs), new Date(toMs), claim.claimId],
  );
  return Number(rows[0].count);
}
