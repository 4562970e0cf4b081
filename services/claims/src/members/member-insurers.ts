import type { DataSource } from 'typeorm';

/** The member's insurer as the read model knows it, or null for a member not (yet) known here. */
export async function knownInsurerOf(dataSource: DataSource, memberId: string): Promise<string | null> {
  const rows: { insurer_id: string }[] = await dataSource.query(
    `SELECT insurer_id FROM member_insurers WHERE member_id = $1`,
    [memberId],
  );
  return rows[0]?.insurer_id ?? null;
}
