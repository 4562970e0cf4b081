import type { EntityManager } from 'typeorm';
import type { EstimateRequestPayload, PlanView } from '#libs/contracts';
import { findPlan } from '../plans/plan-store.js';
import type { ClaimLineFacts, NcciPair, Procedure } from './coverage-facts.js';

/** The reference and history facts a preview decides from (the member and plan come separately). */
export interface PreviewFacts {
  procedures: Map<string, Procedure>;
  ncciPairs: NcciPair[];
  /** Covered lines of the member's other claims at this provider on the planned date. */
  earlierLines: ClaimLineFacts[];
}

/**
 * The facts of `proceduresByCode`, `pairsInForce` and `earlierBilledLines` (same filters, same line
 * order) in one statement: an estimate is a hot read path, and every round trip costs a query span,
 * a socket write and a read in both processes. The reference tables change only by a load, so they
 * are read, never cached.
 */
export async function loadPreviewFacts(manager: EntityManager, request: EstimateRequestPayload): Promise<PreviewFacts> {
  const codes = [...new Set(request.lines.map((line) => line.code))];
  const rows: { procedures: (Procedure & { code: string })[]; ncci: NcciPair[]; earlier: ClaimLineFacts[] }[] =
    await manager.query(
      `SELECT
         (SELECT COALESCE(json_agg(json_build_object('code', code, 'category', category,
                                                     'mueUnitsPerDay', mue_units_per_day)), '[]')
            FROM procedures WHERE code = ANY($1::text[])) AS procedures,
         (SELECT COALESCE(json_agg(json_build_object('column1', column1, 'column2', column2,
                   'effectiveDate', effective_date::text, 'deletionDate', deletion_date::text,
                   'modifierIndicator', modifier_indicator)), '[]')
            FROM ncci_pairs
            WHERE column2 = ANY($1::text[]) AND effective_date <= $2::date
              AND (deletion_date IS NULL OR $2::date < deletion_date)) AS ncci,
         (SELECT COALESCE(json_agg(json_build_object('code', line.code, 'units', line.units,
                   'modifiers', line.modifiers) ORDER BY line.claim_id, line.line_index), '[]')
            FROM decided_lines line
            WHERE line.member_id = $3 AND line.provider_id = $4 AND line.service_date = $2::date
              AND NOT line.denied
              AND NOT EXISTS (SELECT 1 FROM claim_denials denial WHERE denial.claim_id = line.claim_id)) AS earlier`,
      [codes, request.plannedDate, request.memberId, request.providerId],
    );
  const { procedures, ncci, earlier } = rows[0];
  return {
    procedures: new Map(
      procedures.map((row) => [row.code, { category: row.category, mueUnitsPerDay: row.mueUnitsPerDay }]),
    ),
    ncciPairs: ncci,
    earlierLines: earlier,
  };
}

/**
 * Plans by id, kept once read: a plan never changes after it is created (plan-store has no update),
 * so the preview need not read it for every estimate. Only found plans are kept.
 */
export class PreviewPlans {
  private readonly plans = new Map<string, PlanView>();

  async get(manager: EntityManager, planId: string): Promise<PlanView | null> {
    const kept = this.plans.get(planId);
    if (kept) return kept;
    const plan = await findPlan(manager, planId);
    if (plan) this.plans.set(planId, plan);
    return plan;
  }
}
