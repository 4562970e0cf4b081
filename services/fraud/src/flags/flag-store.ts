import type { PhiCipher } from '#libs/phi';
import { exactTimeSql } from '#libs/rpc';
import type { EntityManager } from 'typeorm';
import type {
  FlagClaimSummary,
  FlagHistoryEntry,
  FlagRuleView,
  FlagStatus,
  FlagView,
  ListFlagsPayload,
  ListFlagsResult,
} from '#libs/contracts';
import { openNote, openRules, sealNote } from '../phi/fraud-phi.js';
import { queueCursor, type QueueStart } from './flag-queue-cursor.js';

interface FlagRow {
  id: string;
  claim_id: string;
  member_id: string;
  insurer_id: string | null;
  score: number;
  held: boolean;
  status: FlagStatus;
  assignee: string | null;
  /** Sealed (fraud-phi.ts), read as text. */
  rules: string;
  created_at: Date;
}

export interface StoredFlag {
  view: FlagView;
  insurerId: string | null;
}

// The member comes from the screened claim, stored in the same transaction as the flag (screening-store.ts);
// a scalar subquery keeps `FROM flags` alone, so `FOR UPDATE` locks the flag row only.
// created_at to the microsecond, for both orders' cursors (libs/rpc page-cursor.ts).
const EXACT_CREATED_AT = `${exactTimeSql('created_at')} AS exact_created_at`;

const FLAG_COLUMNS = `id, claim_id, insurer_id, score, held, status, assignee, rules #>> '{}' AS rules, created_at,
  (SELECT s.member_id FROM screened_claims s WHERE s.claim_id = flags.claim_id) AS member_id`;

async function toFlag(cipher: PhiCipher, row: FlagRow): Promise<StoredFlag> {
  const rules = await openRules(cipher, row.id, row.rules);
  const view: FlagView = {
    id: row.id,
    claimId: row.claim_id,
    memberId: row.member_id,
    score: row.score,
    held: row.held,
    status: row.status,
    rules: rules.map(({ code, points, explanation }): FlagRuleView => ({ code, points, explanation })),
    createdAt: row.created_at.toISOString(),
  };
  if (row.assignee) view.assignee = row.assignee;
  return { view, insurerId: row.insurer_id };
}

/** One insurer's flag; another insurer's is absent (the caller answers 404 either way). */
export async function findFlag(
  manager: EntityManager,
  cipher: PhiCipher,
  id: string,
  insurerId: string,
  { forUpdate = false } = {},
): Promise<StoredFlag | null> {
  const rows: FlagRow[] = await manager.query(
    `SELECT ${FLAG_COLUMNS} FROM flags WHERE id = $1 AND insurer_id = $2 ${forUpdate ? 'FOR UPDATE' : ''}`,
    [id, insurerId],
  );
  return rows[0] ? toFlag(cipher, rows[0]) : null;
}

/** Each order's keyset, the same columns in ORDER BY and in the cursor comparison (indexes: the migrations). */
const QUEUE_ORDERS = {
  newest: { key: '(created_at, id)', orderBy: 'created_at DESC, id DESC' },
  score: { key: '(score, created_at, id)', orderBy: 'score DESC, created_at DESC, id DESC' },
} as const;

/** One insurer's queue in the asked order, filtered, from where the previous page ended. */
export async function listFlags(
  manager: EntityManager,
  cipher: PhiCipher,
  insurerId: string,
  query: Omit<ListFlagsPayload, 'cursor' | 'sort'>,
  start: QueueStart,
): Promise<ListFlagsResult> {
  const where = ['insurer_id = $1'];
  const values: unknown[] = [insurerId];
  const param = (value: unknown) => `$${values.push(value)}`;
  if (query.status) where.push(`status = ${param(query.status)}`);
  if (query.minScore !== undefined) where.push(`score >= ${param(query.minScore)}`);
  // The GIN index on rule_codes answers containment (@>), not `= ANY`.
  if (query.rule) where.push(`rule_codes @> ARRAY[${param(query.rule)}]::text[]`);
  const order = QUEUE_ORDERS[start.sort];
  if (start.sort === 'newest' && start.after)
    where.push(`${order.key} < (${param(start.after.at)}, ${param(start.after.id)}::uuid)`);
  if (start.sort === 'score' && start.after) {
    const { rank, at, id } = start.after;
    where.push(`${order.key} < (${param(rank)}::smallint, ${param(at)}::timestamptz, ${param(id)}::uuid)`);
  }
  const rows: (FlagRow & { exact_created_at: string })[] = await manager.query(
    `SELECT ${FLAG_COLUMNS}, ${EXACT_CREATED_AT} FROM flags WHERE ${where.join(' AND ')}
     ORDER BY ${order.orderBy} LIMIT ${param(query.limit + 1)}`,
    values,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const end = last && {
    id: last.id,
    score: last.score,
    exactCreatedAt: last.exact_created_at,
  };
  return {
    items: await Promise.all(page.map(async (row) => (await toFlag(cipher, row)).view)),
    nextCursor: rows.length > query.limit && end ? queueCursor(start.sort, end) : null,
  };
}

export async function claimSummary(manager: EntityManager, claimId: string): Promise<FlagClaimSummary> {
  const [claim]: {
    member_id: string;
    provider_id: string;
    service_date: string;
    submitted_at: Date;
    estimate_id: string | null;
    total_charge: string;
  }[] = await manager.query(
    `SELECT member_id, provider_id, to_char(service_date, 'YYYY-MM-DD') AS service_date, submitted_at, estimate_id, total_charge
     FROM screened_claims WHERE claim_id = $1`,
    [claimId],
  );
  const lines: { code: string; units: number; charge: string }[] = await manager.query(
    `SELECT code, units, charge FROM screened_lines WHERE claim_id = $1 ORDER BY line_index`,
    [claimId],
  );
  return {
    id: claimId,
    memberId: claim.member_id,
    providerId: claim.provider_id,
    serviceDate: claim.service_date,
    submittedAt: claim.submitted_at.toISOString(),
    estimateId: claim.estimate_id,
    lines: lines.map((line) => ({ code: line.code, units: line.units, charge: Number(line.charge) })),
    totalCharge: Number(claim.total_charge),
  };
}

export async function flagHistory(
  manager: EntityManager,
  cipher: PhiCipher,
  flagId: string,
): Promise<FlagHistoryEntry[]> {
  const rows: { id: string; at: Date; actor: string; action: FlagHistoryEntry['action']; note: string | null }[] =
    await manager.query(`SELECT id::text, at, actor, action, note FROM flag_actions WHERE flag_id = $1 ORDER BY id`, [
      flagId,
    ]);
  return Promise.all(
    rows.map(async (row) => {
      const entry: FlagHistoryEntry = { at: row.at.toISOString(), actor: row.actor, action: row.action };
      const note = await openNote(cipher, row.id, row.note);
      if (note !== null) entry.note = note;
      return entry;
    }),
  );
}

/**
 * Every analyst action is kept with who did it and when (DOMAIN.md, Fraud rules). A note is sealed
 * bound to its row, so the row's id is drawn first.
 */
export async function recordAction(
  manager: EntityManager,
  cipher: PhiCipher,
  flagId: string,
  actor: string,
  action: FlagHistoryEntry['action'],
  note: string | null = null,
): Promise<{ at: Date }> {
  if (note === null) {
    const [row]: { at: Date }[] = await manager.query(
      `INSERT INTO flag_actions (flag_id, actor, action) VALUES ($1, $2, $3) RETURNING at`,
      [flagId, actor, action],
    );
    return row;
  }
  const [{ id }]: { id: string }[] = await manager.query(
    `SELECT nextval(pg_get_serial_sequence('flag_actions', 'id'))::text AS id`,
  );
  const [row]: { at: Date }[] = await manager.query(
    `INSERT INTO flag_actions (id, flag_id, actor, action, note) VALUES ($1, $2, $3, $4, $5) RETURNING at`,
    [id, flagId, actor, action, sealNote(cipher, id, note)],
  );
  return row;
}

export async function assignFlag(manager: EntityManager, flagId: string, analyst: string): Promise<void> {
  await manager.query(`UPDATE flags SET status = 'assigned', assignee = $2 WHERE id = $1`, [flagId, analyst]);
}

export async function decideFlag(
  manager: EntityManager,
  flagId: string,
  analyst: string,
  status: 'confirmed' | 'dismissed',
): Promise<void> {
  await manager.query(
    `UPDATE flags SET status = $2, assignee = coalesce(assignee, $3), decided_at = now() WHERE id = $1`,
    [flagId, status, analyst],
  );
}
