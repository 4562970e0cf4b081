import { getAddress } from 'ethers';
import type { EntityManager } from 'typeorm';
import { keepNewerSnapshot } from '#libs/persistence';

/**
 * The bridge's read models of who is who on chain: insurer, provider and member addresses as the owning
 * services announced them. Addresses are kept checksummed so comparisons with chain data are exact.
 */
export async function saveInsurer(manager: EntityManager, id: string, address: string): Promise<void> {
  await manager.query(
    `INSERT INTO insurers (id, address) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET address = EXCLUDED.address`,
    [id, getAddress(address)],
  );
}

export async function saveProvider(manager: EntityManager, id: string, address: string): Promise<void> {
  await manager.query(
    `INSERT INTO providers (id, address) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET address = EXCLUDED.address`,
    [id, getAddress(address)],
  );
}

/** Applies a member snapshot only if it is newer than the one held (snapshots may arrive out of order). */
export async function saveMember(
  manager: EntityManager,
  member: { memberId: string; insurerId: string; address: string; version: number },
): Promise<void> {
  await keepNewerSnapshot(manager, 'members', 'id', {
    id: member.memberId,
    insurer_id: member.insurerId,
    address: getAddress(member.address),
    version: member.version,
  });
}

export interface PartyAddresses {
  provider: string | null;
  member: string | null;
  insurer: string | null;
}

export async function addressOf(
  manager: EntityManager,
  table: 'insurers' | 'providers' | 'members',
  id: string,
): Promise<string | null> {
  const rows: { address: string }[] = await manager.query(`SELECT address FROM ${table} WHERE id = $1`, [id]);
  return rows[0]?.address ?? null;
}
