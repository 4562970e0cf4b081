import type { DataSource, EntityManager } from 'typeorm';
import type { MemberSnapshot } from '#libs/contracts';
import { keepNewerSnapshot } from '#libs/persistence';

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
  return keepNewerSnapshot(manager, 'member_insurers', 'member_id', {
    member_id: snapshot.memberId,
    insurer_id: snapshot.insurerId,
    version: snapshot.version,
    updated_at: new Date(),
  });
}
