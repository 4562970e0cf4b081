import type { EntityManager } from 'typeorm';
import type { CheckName, ClaimStatus } from '#libs/contracts';
import type { ClaimFacts } from './decided-event.js';
import { fromStoredChecks, nextDeadline, toStoredChecks, type StoredCheck } from './saga-mapping.js';
import type { ClaimSagaState, FlagDecision, LineVerdict, TimelineActor } from './saga-state.js';

/** A claim's saga as locked, with the claim facts a decided event repeats (so deciding needs no second read). */
export interface LoadedSaga {
  state: ClaimSagaState;
  facts: ClaimFacts;
  /** When the claim was submitted: the start of its decision latency. */
  submittedAt: Date;
}

/** What one saga step writes to rows (`carryOutStep` gathers it from the step's commands). */
export interface StepWrites {
  /** The last status set, if any. */
  status: { status: ClaimStatus; reason: string | null } | null;
  /** Whether the claim's insurer or currency became known. */
  claimFacts: boolean;
  timeline: { status: ClaimStatus; reason: string | null; actor: TimelineActor }[];
  /** The last verdicts set, if any. */
  lineVerdicts: LineVerdict[] | null;
}

interface SagaRow {
  status: ClaimStatus;
  insurer_id: string | null;
  currency: string | null;
  member_id: string;
  provider_id: string;
  service_date: string;
  checks: Record<CheckName, StoredCheck>;
  flag_decision: FlagDecision | null;
  line_count: number;
  submitted_at: Date;
}

/**
 * Locks a claim for the rest of the transaction, then loads its saga. Two answers for one claim
 * handled at once are applied one after the other, never both on the same old state. The claim row
 * is the one lock per claim (the deadline scanner takes the same), so saga writers never wait on each
 * other in opposite orders. The read is a statement of its own, after the lock: in READ COMMITTED a
 * new statement sees what the previous lock holder committed, whereas a locking join would re-read
 * only the locked row and return the saga row as it was before the wait. Null when the claim is not ours.
 */
export async function lockSaga(manager: EntityManager, claimId: string): Promise<LoadedSaga | null> {
  const locked: unknown[] = await manager.query(`SELECT 1 FROM claims WHERE id = $1 FOR UPDATE`, [claimId]);
  if (locked.length === 0) return null;
  const rows: SagaRow[] = await manager.query(
    `SELECT c.status, c.insurer_id, c.currency, c.member_id, c.provider_id, to_char(c.service_date, 'YYYY-MM-DD') AS service_date,
            c.submitted_at, s.checks, s.flag_decision,
            (SELECT count(*)::int FROM claim_lines l WHERE l.claim_id = c.id) AS line_count
     FROM claim_sagas s JOIN claims c ON c.id = s.claim_id
     WHERE s.claim_id = $1`,
    [claimId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    state: {
      claimId,
      status: row.status,
      lineCount: row.line_count,
      insurerId: row.insurer_id,
      currency: row.currency,
      checks: fromStoredChecks(row.checks),
      flagDecision: row.flag_decision,
    },
    facts: { memberId: row.member_id, providerId: row.provider_id, serviceDate: row.service_date },
    submittedAt: row.submitted_at,
  };
}

/**
 * Writes what one saga step changed: the claim row (status, reason, insurer, currency) in one update,
 * the timeline entries and line verdicts in one statement each, and the saga row. Messages are the
 * caller's (they go through the outbox in this same transaction).
 */
export async function saveStep(
  manager: EntityManager,
  before: ClaimSagaState,
  after: ClaimSagaState,
  writes: StepWrites,
  at: Date,
): Promise<void> {
  const claimId = after.claimId;
  const { status } = writes;
  if (status || writes.claimFacts) {
    await manager.query(
      `UPDATE claims SET status = $2, denial_reason = $3, insurer_id = $4, currency = $5, updated_at = $6,
                         version = version + 1
       WHERE id = $1`,
      [claimId, after.status, status?.status === 'denied' ? status.reason : null, after.insurerId, after.currency, at],
    );
  }
  if (writes.timeline.length > 0) {
    await manager.query(
      `INSERT INTO claim_timeline (claim_id, at, status, reason, actor)
       SELECT $1, $2, t.entry ->> 'status', t.entry ->> 'reason', t.entry ->> 'actor'
       FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS t(entry, n)
       ORDER BY t.n`,
      [claimId, at, JSON.stringify(writes.timeline)],
    );
  }
  if (writes.lineVerdicts) await saveLineVerdicts(manager, claimId, writes.lineVerdicts);
  if (after.checks !== before.checks || after.flagDecision !== before.flagDecision) {
    await manager.query(
      `UPDATE claim_sagas SET checks = $2, flag_decision = $3, next_deadline_at = $4, updated_at = $5
       WHERE claim_id = $1`,
      [claimId, JSON.stringify(toStoredChecks(after.checks)), after.flagDecision, nextDeadline(after.checks), at],
    );
  }
}

async function saveLineVerdicts(manager: EntityManager, claimId: string, lines: LineVerdict[]): Promise<void> {
  await manager.query(
    `UPDATE claim_lines AS l SET status = v.status, reason = v.reason
     FROM jsonb_to_recordset($2::jsonb) AS v(index int, status text, reason text)
     WHERE l.claim_id = $1 AND l.line_index = v.index`,
    [claimId, JSON.stringify(lines)],
  );
}
