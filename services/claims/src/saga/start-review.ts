import type { EntityManager } from 'typeorm';

/**
 * The saga's first step (`decide` on `reviewStarted`: a claim still `received` moves to `in_review`
 * with a timeline entry; any other claim stays as it is) as ONE guarded statement, because every
 * claim takes it and "time to in_review" is what the platform is measured on.
 *
 * It is safe beside the general path: the UPDATE takes the claim's row lock like `lockSaga`, and
 * under READ COMMITTED it re-checks `status = 'received'` on the newest row after any wait, so a claim
 * an early answer already moved on is left alone. Returns whether the claim moved.
 */
export async function startReview(manager: EntityManager, claimId: string, at: Date): Promise<boolean> {
  const moved: unknown[] = await manager.query(
    `WITH started AS (
       UPDATE claims SET status = 'in_review', updated_at = $2, version = version + 1
       WHERE id = $1 AND status = 'received'
       RETURNING id
     )
     INSERT INTO claim_timeline (claim_id, at, status, actor)
     SELECT id, $2, 'in_review', 'system' FROM started
     RETURNING claim_id`,
    [claimId, at],
  );
  return moved.length > 0;
}
