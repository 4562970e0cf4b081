import type { DataSource, EntityManager } from 'typeorm';
import type { MemberSnapshot } from '#libs/contracts';

/** The member's insurer as the read model knows it, or null for a member not (yet) known here. */
export async function knownInsurerOf(dataSource: DataSource, memberId: string): Promise<string | null> {
  const rows: { insurer_id: string }[] = await dataSource.query(
    `SELECT insurer_id FROM member_insurers WHERE member_id = $1`,
    [memberId],
  );
  return rows[0]?.insurer_id ?? null;
}

/**
 * Applies an underwriting member snapshot (`underwriting.member.registered.v1` / `updated.v1`) when it
 * is newer than the one held: snapshots may arrive twice or out of order, and an older one must never
 * win. Returns whether the row changed.
 */
export async function recordMemberInsurer(
  manager: EntityManager,
  snapshot: Pick<MemberSnapshot, 'memberId' | 'insurerId' | 'version'>,
): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `INSERT INTO member_insurers (member_id, insurer_id, version, updated_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (member_id) DO UPDATE SET insurer_id = EXCLUDED.insurer_id, version = EXCLUDED.version,
       updated_at = EXCLUDED.updated_at
     WHERE member_insurers.version < EXCLUDED.version
     RETURNING member_id`,
    [snapshot.memberId, snapshot.insurerId, snapshot.version],
  );
  return rows.length > 0;
}
