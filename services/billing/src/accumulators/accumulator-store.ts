import type { EntityManager } from 'typeorm';
import type { AccumulatorsView } from '#libs/contracts';

interface AccumulatorRow {
  deductible_met: string;
  oop_met: string;
  plan_paid: string;
}

/**
 * A member's accumulators for a plan year; zeros when nothing has been priced for them yet (the
 * row is created by the first priced claim). pg hands bigint back as text: amounts are safe integers.
 */
export async function readAccumulators(
  manager: EntityManager,
  memberId: string,
  year: number,
): Promise<AccumulatorsView> {
  const rows: AccumulatorRow[] = await manager.query(
    `SELECT deductible_met, oop_met, plan_paid FROM accumulators WHERE member_id = $1 AND plan_year = $2`,
    [memberId, year],
  );
  const row = rows[0];
  if (!row) return { year, deductibleMet: 0, oopMet: 0, planPaid: 0 };
  return {
    year,
    deductibleMet: Number(row.deductible_met),
    oopMet: Number(row.oop_met),
    planPaid: Number(row.plan_paid),
  };
}
