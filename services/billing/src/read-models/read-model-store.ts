import type { EntityManager } from 'typeorm';
import { keepNewerSnapshot } from '#libs/persistence';
import type { Benefits, MemberSnapshot, PlanRegistered } from '#libs/contracts';

/** A plan as billing knows it from `underwriting.plan.registered.v1`. */
export interface BillingPlan {
  planId: string;
  insurerId: string;
  currency: string;
  benefits: Benefits;
}

/** Plans are immutable once registered, so a replay changes nothing. */
export async function rememberPlan(manager: EntityManager, plan: PlanRegistered): Promise<void> {
  await manager.query(
    `INSERT INTO billing_plans (plan_id, insurer_id, currency, benefits) VALUES ($1, $2, $3, $4)
     ON CONFLICT (plan_id) DO NOTHING`,
    [plan.planId, plan.insurerId, plan.benefits.currency, JSON.stringify(plan.benefits)],
  );
}

/** Applies a member snapshot only when it is newer than the one held (messages may come out of order). */
export async function rememberMember(manager: EntityManager, member: MemberSnapshot): Promise<void> {
  await keepNewerSnapshot(manager, 'billing_members', 'member_id', {
    member_id: member.memberId,
    insurer_id: member.insurerId,
    plan_id: member.planId,
    version: member.version,
  });
}

export async function findPlan(manager: EntityManager, planId: string): Promise<BillingPlan | null> {
  const rows: { plan_id: string; insurer_id: string; currency: string; benefits: Benefits }[] = await manager.query(
    `SELECT plan_id, insurer_id, currency, benefits FROM billing_plans WHERE plan_id = $1`,
    [planId],
  );
  const row = rows[0];
  return row
    ? { planId: row.plan_id, insurerId: row.insurer_id, currency: row.currency, benefits: row.benefits }
    : null;
}

/** The member's plan id and insurer as of the newest snapshot, or null. */
export async function findMemberPlan(
  manager: EntityManager,
  memberId: string,
): Promise<{ planId: string; insurerId: string } | null> {
  const rows: { plan_id: string; insurer_id: string }[] = await manager.query(
    `SELECT plan_id, insurer_id FROM billing_members WHERE member_id = $1`,
    [memberId],
  );
  return rows[0] ? { planId: rows[0].plan_id, insurerId: rows[0].insurer_id } : null;
}
