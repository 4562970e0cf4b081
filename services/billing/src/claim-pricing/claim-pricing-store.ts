import type { EntityManager } from 'typeorm';
import type { ClaimPriced } from '#libs/contracts';

export async function isPriced(manager: EntityManager, claimId: string): Promise<boolean> {
  const rows: unknown[] = await manager.query(`SELECT 1 FROM claim_pricings WHERE claim_id = $1`, [claimId]);
  return rows.length > 0;
}

export async function storePricing(manager: EntityManager, priced: ClaimPriced, planYear: number): Promise<void> {
  await manager.query(
    `INSERT INTO claim_pricings (claim_id, member_id, insurer_id, provider_id, plan_year, plan_pays, priced)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      priced.claimId,
      priced.memberId,
      priced.insurerId,
      priced.providerId,
      planYear,
      priced.totals.planPays,
      JSON.stringify(priced),
    ],
  );
}
