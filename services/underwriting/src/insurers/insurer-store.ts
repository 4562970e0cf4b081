import type { EntityManager } from 'typeorm';

/** Whether an admin has registered this insurer (plans and members hang off a registered insurer). */
export async function isRegisteredInsurer(manager: EntityManager, insurerId: string): Promise<boolean> {
  const rows: unknown[] = await manager.query(`SELECT 1 FROM insurers WHERE id = $1`, [insurerId]);
  return rows.length > 0;
}
