import type { EntityManager } from 'typeorm';
import type { CreateProviderPayload, ProviderView } from '#libs/contracts';

interface ProviderRow {
  provider_id: string;
  name: string;
  address: string;
  npi: string | null;
  created_at: Date;
}

const COLUMNS = 'provider_id, name, address, npi, created_at';

const toView = (row: ProviderRow): ProviderView => ({
  id: row.provider_id,
  name: row.name,
  address: row.address,
  ...(row.npi === null ? {} : { npi: row.npi }),
  createdAt: row.created_at.toISOString(),
});

/** Which unique field an insert collided with. */
export type ProviderTaken = 'id' | 'npi';

/**
 * Inserts the provider; when its id or its NPI is already registered, says which (the id first).
 * `ON CONFLICT DO NOTHING` without a target covers both unique keys, so two concurrent
 * registrations of one NPI end as one provider and one conflict, never as an error.
 */
export async function insertProvider(
  manager: EntityManager,
  provider: CreateProviderPayload,
): Promise<ProviderView | ProviderTaken> {
  const rows: ProviderRow[] = await manager.query(
    `INSERT INTO providers (provider_id, name, address, npi) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
    [provider.id, provider.name, provider.address, provider.npi ?? null],
  );
  if (rows[0]) return toView(rows[0]);
  return (await findProvider(manager, provider.id)) ? 'id' : 'npi';
}

export async function findProvider(manager: EntityManager, providerId: string): Promise<ProviderView | null> {
  const rows: ProviderRow[] = await manager.query(`SELECT ${COLUMNS} FROM providers WHERE provider_id = $1`, [
    providerId,
  ]);
  return rows[0] ? toView(rows[0]) : null;
}

export async function findProviderByNpi(manager: EntityManager, npi: string): Promise<ProviderView | null> {
  const rows: ProviderRow[] = await manager.query(`SELECT ${COLUMNS} FROM providers WHERE npi = $1`, [npi]);
  return rows[0] ? toView(rows[0]) : null;
}
