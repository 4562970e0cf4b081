import type { EntityManager } from 'typeorm';
import type { AccumulatorsView } from '#libs/contracts';
import type { Accumulators } from '../pricing/price-lines.js';

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

/**
 * Locks the member's accumulator row for the plan year until the transaction ends, creating it at
 * zero first if needed, and returns it. Every pricing of the member's claims in that year queues
 * here, so two claims priced at once can never both take the same deductible (DOMAIN.md, Pricing).
 */
export async function lockAccumulators(manager: EntityManager, memberId: string, year: number): Promise<Accumulators> {
  await manager.query(
    `INSERT INTO accumulators (member_id, plan_year) VALUES ($1, $2) ON CONFLICT (member_id, plan_year) DO NOTHING`,
    [memberId, year],
  );
  const rows: AccumulatorRow[] = await manager.query(
    `SELECT deductible_met, oop_met, plan_paid FROM accumulators WHERE member_id = $1 AND plan_year = $2 FOR UPDATE`,
    [memberId, year],
  );
  const row = rows[0];
  return { deductibleMet: Number(row.deductible_met), oopMet: Number(row.oop_met), planPaid: Number(row.plan_paid) };
}

/** Stores the accumulators pricing left; the row must be locked by `lockAccumulators` in this transaction. */
export async function saveAccumulators(
  manager: EntityManager,
  memberId: string,
  year: number,
  accumulators: Accumulators,
): Promise<void> {
  await manager.query(
    `UPDATE accumulators SET deductible_met = $3, oop_met = $4, plan_paid = $5, version = version + 1, updated_at = now()
     WHERE member_id = $1 AND plan_year = $2`,
    [memberId, year, accumulators.deductibleMet, accumulators.oopMet, accumulators.planPaid],
  );
}
