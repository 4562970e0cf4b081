import type { EntityManager } from 'typeorm';
import type { CreatePlanPayload, PlanRegistered, PlanView } from '#libs/contracts';
import type { PageCursor } from '#libs/rpc';

/**
 * Stores a plan and its copays; returns its creation time, or null when the id is taken (by anyone:
 * plan ids are global, they travel alone in events).
 */
export async function insertPlan(
  manager: EntityManager,
  insurerId: string,
  plan: CreatePlanPayload,
): Promise<Date | null> {
  const rows: { created_at: Date }[] = await manager.query(
    `INSERT INTO plans (id, insurer_id, name, currency, deductible, coinsurance_pct, out_of_network_coinsurance_pct,
       oop_max, annual_limit, covered_categories, covered_codes, excluded_codes, preauth_codes, waiting_period_days)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT (id) DO NOTHING RETURNING created_at`,
    [
      plan.id,
      insurerId,
      plan.name,
      plan.currency,
      plan.deductible,
      plan.coinsurancePct,
      plan.outOfNetworkCoinsurancePct,
      plan.oopMax,
      plan.annualLimit,
      plan.coveredCategories,
      plan.coveredCodes,
      plan.excludedCodes,
      plan.preauthCodes,
      plan.waitingPeriodDays,
    ],
  );
  if (rows.length === 0) return null;
  const copays = Object.entries(plan.copays);
  if (copays.length > 0) {
    await manager.query(
      `INSERT INTO plan_copays (plan_id, category, amount) SELECT $1, * FROM unnest($2::text[], $3::bigint[])`,
      [plan.id, copays.map(([category]) => category), copays.map(([, amount]) => amount)],
    );
  }
  return rows[0].created_at;
}

interface PlanRow {
  id: string;
  insurer_id: string;
  name: string;
  currency: string;
  deductible: string;
  coinsurance_pct: number;
  out_of_network_coinsurance_pct: number;
  oop_max: string;
  annual_limit: string;
  covered_categories: string[];
  covered_codes: string[];
  excluded_codes: string[];
  preauth_codes: string[];
  waiting_period_days: number;
  created_at: Date;
  copays: Record<string, string>;
}

const PLAN_WITH_COPAYS = `SELECT p.*,
       COALESCE((SELECT jsonb_object_agg(c.category, c.amount::text) FROM plan_copays c WHERE c.plan_id = p.id),
                '{}'::jsonb) AS copays
     FROM plans p`;

/** The plan with this id, whoever owns it; the caller applies ownership. */
export async function findPlan(manager: EntityManager, id: string): Promise<PlanView | null> {
  const rows: PlanRow[] = await manager.query(`${PLAN_WITH_COPAYS} WHERE p.id = $1`, [id]);
  return rows[0] ? toPlanView(rows[0]) : null;
}

/** Up to `limit` of the insurer's plans after the cursor, newest first (id breaks ties), with their copays. */
export async function listInsurerPlans(
  manager: EntityManager,
  insurerId: string,
  { limit, after }: { limit: number; after?: PageCursor },
): Promise<PlanView[]> {
  const rows: PlanRow[] = await manager.query(
    `${PLAN_WITH_COPAYS}
     WHERE p.insurer_id = $1 AND ($2::timestamptz IS NULL OR (p.created_at, p.id) < ($2::timestamptz, $3::text))
     ORDER BY p.created_at DESC, p.id DESC LIMIT $4`,
    [insurerId, after?.at ?? null, after?.id ?? null, limit],
  );
  return rows.map(toPlanView);
}

function toPlanView(row: PlanRow): PlanView {
  // bigint comes back as text; amounts were checked as safe integers when stored.
  return {
    id: row.id,
    insurerId: row.insurer_id,
    name: row.name,
    currency: row.currency,
    deductible: Number(row.deductible),
    coinsurancePct: row.coinsurance_pct,
    outOfNetworkCoinsurancePct: row.out_of_network_coinsurance_pct,
    copays: Object.fromEntries(Object.entries(row.copays).map(([category, amount]) => [category, Number(amount)])),
    oopMax: Number(row.oop_max),
    annualLimit: Number(row.annual_limit),
    coveredCategories: row.covered_categories,
    coveredCodes: row.covered_codes,
    excludedCodes: row.excluded_codes,
    preauthCodes: row.preauth_codes,
    waitingPeriodDays: row.waiting_period_days,
    createdAt: row.created_at.toISOString(),
  };
}

/** `underwriting.plan.registered.v1` for a stored plan. */
export function planRegisteredEvent(plan: PlanView): PlanRegistered {
  return {
    planId: plan.id,
    insurerId: plan.insurerId,
    name: plan.name,
    benefits: {
      currency: plan.currency,
      deductible: plan.deductible,
      coinsurancePct: plan.coinsurancePct,
      outOfNetworkCoinsurancePct: plan.outOfNetworkCoinsurancePct,
      copays: plan.copays,
      oopMax: plan.oopMax,
      annualLimit: plan.annualLimit,
    },
    coveredCategories: plan.coveredCategories,
    coveredCodes: plan.coveredCodes,
    excludedCodes: plan.excludedCodes,
    preauthCodes: plan.preauthCodes,
    waitingPeriodDays: plan.waitingPeriodDays,
  };
}
