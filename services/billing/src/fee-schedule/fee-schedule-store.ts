import type { EntityManager } from 'typeorm';
import type { FeeScheduleView } from '#libs/contracts';

/** Advisory-lock class of "one insurer's fee schedule" (the two-key form keeps it apart from others). */
const FEE_SCHEDULE_LOCK = 3_101;

/**
 * Replaces the insurer's whole schedule within the caller's transaction. The schedule is locked
 * first: two replacements at once would otherwise both delete the rows they see (none of the
 * other's, not yet committed) and then both insert the same codes, and the second would fail on the
 * entries' primary key. Serialised, the last one to commit wins and every one of them succeeds.
 */
export async function replaceFeeSchedule(
  manager: EntityManager,
  insurerId: string,
  entries: FeeScheduleView['entries'],
): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [FEE_SCHEDULE_LOCK, insurerId]);
  await manager.query(`DELETE FROM fee_schedule_entries WHERE insurer_id = $1`, [insurerId]);
  await manager.query(
    `INSERT INTO fee_schedule_entries (insurer_id, code, amount)
     SELECT $1, entry.code, entry.amount FROM jsonb_to_recordset($2::jsonb) AS entry(code text, amount bigint)`,
    [insurerId, JSON.stringify(entries)],
  );
}
