import type { EntityManager } from 'typeorm';
import type { ProviderView } from '#libs/contracts';

interface ProviderRow {
  provider_id: string;
  name: string;
  address: string;
  created_at: Date;
}

const toView = (row: ProviderRow): ProviderView => ({
  id: row.provider_id,
  name: row.name,
  address: row.address,
  createdAt: row.created_at.toISOString(),
});

/** Inserts the provider; null when the id is taken. */
export async function insertProvider(
  manager: EntityManager,
  provider: { id: string; name: string; address: string },
): Promise<ProviderView | null> {
  const rows: ProviderRow[] = await manager.query(
    `INSERT INTO providers (provider_id, name, address) VALUES ($1, $2, $3)
     ON CONFLICT (provider_id) DO NOTHING RETURNING provider_id, name, address, created_at`,
    [provider.id, provider.name, provider.address],
  );
  return rows[0] ? toView(rows[0]) : null;
}

export async function findProvider(manager: EntityManager, providerId: string): Promise<ProviderView | null> {
  const rows: ProviderRow[] = await manager.query(
    `SELECT provider_id, name, address, created_at FROM providers WHERE provider_id = $1`,
    [providerId],
  );
  return rows[0] ? toView(rows[0]) : null;
}
