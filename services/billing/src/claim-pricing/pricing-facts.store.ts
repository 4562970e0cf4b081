import type { EntityManager } from 'typeorm';
import type { NetworkStatus } from '#libs/contracts';

/**
 * A provider the insurer has not put in its network is out of network: the member is never promised
 * in-network cost sharing the insurer did not agree to (docs/decisions/0005-estimate-coverage.md).
 */
export const DEFAULT_NETWORK_STATUS: NetworkStatus = 'out';

/** The insurer's fee schedule amounts for `codes` (a code without an entry is absent). */
export async function feesFor(
  manager: EntityManager,
  insurerId: string,
  codes: readonly string[],
): Promise<Map<string, number>> {
  const rows: { code: string; amount: string }[] = await manager.query(
    `SELECT code, amount FROM fee_schedule_entries WHERE insurer_id = $1 AND code = ANY($2::text[])`,
    [insurerId, [...new Set(codes)]],
  );
  return new Map(rows.map((row) => [row.code, Number(row.amount)]));
}

export async function networkStatusOf(
  manager: EntityManager,
  insurerId: string,
  providerId: string,
): Promise<NetworkStatus> {
  const rows: { status: NetworkStatus }[] = await manager.query(
    `SELECT status FROM network WHERE insurer_id = $1 AND provider_id = $2`,
    [insurerId, providerId],
  );
  return rows[0]?.status ?? DEFAULT_NETWORK_STATUS;
}
