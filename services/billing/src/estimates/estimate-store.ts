import type { EntityManager } from 'typeorm';
import type { EstimateView, Principal } from '#libs/contracts';
import type { OutboxRow } from './estimate-outbox-row.js';

export async function estimateBySubmissionKey(manager: EntityManager, key: string): Promise<EstimateView | null> {
  const rows: { view: EstimateView }[] = await manager.query(`SELECT view FROM estimates WHERE submission_key = $1`, [
    key,
  ]);
  return rows[0]?.view ?? null;
}

/**
 * Stores the estimate and its outbox row in one statement (atomic on its own); false, and neither
 * stored, when another request with the same submission key stored its estimate first.
 */
export async function insertEstimateWithEvent(
  manager: EntityManager,
  estimate: EstimateView,
  insurerId: string,
  submissionKey: string | null,
  event: OutboxRow,
): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `WITH stored AS (
       INSERT INTO estimates (estimate_id, submission_key, member_id, provider_id, insurer_id, created_at, view)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (submission_key) DO NOTHING RETURNING estimate_id)
     INSERT INTO outbox (id, subject, envelope, headers)
     SELECT $8, $9, $10, $11 FROM stored RETURNING id`,
    [
      estimate.id,
      submissionKey,
      estimate.memberId,
      estimate.providerId,
      insurerId,
      estimate.createdAt,
      JSON.stringify(estimate),
      event.id,
      event.subject,
      event.envelope,
      event.headers,
    ],
  );
  return rows.length > 0;
}

/** The column and value that limit estimates to those the caller may see; null: the role sees none. */
export function ownershipFilter(principal: Principal): { sql: string; value: string } | null {
  if (principal.role === 'clinic' && principal.org) return { sql: 'provider_id', value: principal.org };
  if (principal.role === 'insurer' && principal.org) return { sql: 'insurer_id', value: principal.org };
  if (principal.role === 'patient' && principal.patient) return { sql: 'member_id', value: principal.patient };
  return null;
}

/** The estimate if the caller may see it; another's is as absent as none (API.md: 404). */
export async function findVisibleEstimate(
  manager: EntityManager,
  principal: Principal,
  id: string,
): Promise<EstimateView | null> {
  const owner = ownershipFilter(principal);
  if (!owner) return null;
  const rows: { view: EstimateView }[] = await manager.query(
    `SELECT view FROM estimates WHERE estimate_id = $1 AND ${owner.sql} = $2`,
    [id, owner.value],
  );
  return rows[0]?.view ?? null;
}

/** Newest first, keyset-paged on (created_at, estimate_id). */
export async function listVisibleEstimates(
  manager: EntityManager,
  principal: Principal,
  query: { memberId?: string; limit: number; after?: { createdAt: string; id: string } },
): Promise<EstimateView[]> {
  const owner = ownershipFilter(principal);
  if (!owner) return [];
  const rows: { view: EstimateView }[] = await manager.query(
    `SELECT view FROM estimates
     WHERE ${owner.sql} = $1 AND ($2::text IS NULL OR member_id = $2)
       AND ($3::timestamptz IS NULL OR (created_at, estimate_id) < ($3::timestamptz, $4::uuid))
     ORDER BY created_at DESC, estimate_id DESC LIMIT $5`,
    [owner.value, query.memberId ?? null, query.after?.createdAt ?? null, query.after?.id ?? null, query.limit],
  );
  return rows.map((row) => row.view);
}
