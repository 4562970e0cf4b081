import type { EntityManager } from 'typeorm';
import { Subjects, type Causation, type SettlementRequested } from '#libs/contracts';
import { afterCommit } from '#libs/persistence';
import { recordReask } from '../metrics/claim-metrics.js';
import { loadDecidedEvent } from '../saga/load-decided-event.js';
import type { DeadlinePolicy } from '../saga/deadline-policy.js';
import type { EventOutbox } from '../saga/event-outbox.js';
import { lockSaga } from '../saga/saga-store.js';
import type { LineVerdict } from '../saga/saga-state.js';
import { firstSettlementDeadline, followUpSettlement, type SettlementProgress } from './settlement-follow-up.js';
import type { PayoutStatus } from './settlement-rules.js';

/** An approval starts the watch: the decided event is the first ask, due again after one deadline. */
export async function watchSettlement(
  manager: EntityManager,
  claimId: string,
  decidedAt: Date,
  policy: DeadlinePolicy,
): Promise<void> {
  await manager.query(
    `UPDATE claim_sagas SET settlement_attempts = 1, settlement_deadline_at = $2 WHERE claim_id = $1`,
    [claimId, firstSettlementDeadline(decidedAt, policy)],
  );
}

interface DueRow {
  claim_id: string;
  attempts: number;
  status: SettlementProgress['status'];
  priced: boolean;
  payout_status: PayoutStatus | null;
}

/**
 * Takes one batch of approved claims whose settlement deadline passed (claim rows locked with SKIP
 * LOCKED, so instances share the work), and for each either re-asks for what it still awaits or, once
 * it is settled, stops watching it. Returns how many claims it locked.
 *
 * What is due is read again after the lock, in a statement of its own: the locking scan's snapshot may
 * predate another instance's commit of the very re-asks, and as that instance changed only the saga
 * row, PostgreSQL hands over the unchanged claim row without re-checking the deadline. Only a new
 * statement sees the saga (and the pricing and payout) as the last lock holder left them.
 */
export async function reaskOverdueSettlements(
  manager: EntityManager,
  outbox: EventOutbox,
  now: Date,
  policy: DeadlinePolicy,
  batch: number,
  causation: () => Causation,
): Promise<number> {
  const locked: { claim_id: string }[] = await manager.query(
    `SELECT s.claim_id FROM claim_sagas s JOIN claims c ON c.id = s.claim_id
     WHERE s.settlement_deadline_at <= $1
     ORDER BY s.settlement_deadline_at
     LIMIT $2
     FOR UPDATE OF c SKIP LOCKED`,
    [now, batch],
  );
  if (locked.length === 0) return 0;
  const due: DueRow[] = await manager.query(
    `SELECT s.claim_id, s.settlement_attempts AS attempts, c.status, c.priced_at IS NOT NULL AS priced,
            p.status AS payout_status
     FROM claim_sagas s JOIN claims c ON c.id = s.claim_id LEFT JOIN claim_payouts p ON p.claim_id = s.claim_id
     WHERE s.claim_id = ANY($1::uuid[]) AND s.settlement_deadline_at <= $2
     ORDER BY s.settlement_deadline_at`,
    [locked.map((row) => row.claim_id), now],
  );
  for (const row of due) {
    const progress = {
      status: row.status,
      priced: row.priced,
      payoutStatus: row.payout_status,
      attempts: row.attempts,
    };
    const next = followUpSettlement(progress, now, policy);
    if (next.kind === 'done') {
      await manager.query(`UPDATE claim_sagas SET settlement_deadline_at = NULL WHERE claim_id = $1`, [row.claim_id]);
      continue;
    }
    await manager.query(
      `UPDATE claim_sagas SET settlement_attempts = $2, settlement_deadline_at = $3 WHERE claim_id = $1`,
      [row.claim_id, next.attempt, next.nextDeadlineAt],
    );
    const request: SettlementRequested = {
      stage: next.stage,
      attempt: next.attempt,
      decided: await rebuildApproval(manager, row.claim_id),
    };
    await outbox.add(manager, Subjects.settlementRequested, request, causation());
    afterCommit(manager, () => recordReask(next.stage));
  }
  return locked.length;
}

/** The approval as the decided event carried it: the saga's state and the lines' verdicts as stored. */
async function rebuildApproval(manager: EntityManager, claimId: string): Promise<SettlementRequested['decided']> {
  const loaded = await lockSaga(manager, claimId);
  if (!loaded) throw new Error(`claim ${claimId} has a settlement deadline but no saga`);
  const lines: LineVerdict[] = await manager.query(
    `SELECT line_index AS index, status, reason FROM claim_lines WHERE claim_id = $1 ORDER BY line_index`,
    [claimId],
  );
  return loadDecidedEvent(manager, loaded.state, loaded.facts, { status: 'approved', reason: null, lines });
}
