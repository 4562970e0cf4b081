import type { EntityManager } from 'typeorm';
import type { ContractName } from '../../contracts/index.js';

/** Where the platform's contracts live on one chain. */
export interface DeployedContracts {
  chainId: bigint;
  token: string;
  recordRegistry: string;
  consentRegistry: string;
  settlement: string;
  /** The block of the first deployment: where the indexer starts. */
  fromBlock: number;
}

const FIELD_OF: Record<ContractName, keyof Omit<DeployedContracts, 'chainId' | 'fromBlock'>> = {
  HceToken: 'token',
  RecordRegistry: 'recordRegistry',
  ConsentRegistry: 'consentRegistry',
  ClaimSettlement: 'settlement',
};

export async function recordedDeployment(manager: EntityManager, chainId: bigint): Promise<DeployedContracts | null> {
  const rows: { name: ContractName; address: string; block_number: string }[] = await manager.query(
    `SELECT name, address, block_number FROM deployments WHERE chain_id = $1`,
    [chainId.toString()],
  );
  if (rows.length < Object.keys(FIELD_OF).length) return null;
  const deployed: Partial<DeployedContracts> = { chainId, fromBlock: Number.MAX_SAFE_INTEGER };
  for (const row of rows) {
    const field = FIELD_OF[row.name];
    if (!field) continue;
    deployed[field] = row.address;
    deployed.fromBlock = Math.min(deployed.fromBlock ?? 0, Number(row.block_number));
  }
  return deployed as DeployedContracts;
}

export async function recordDeployment(
  manager: EntityManager,
  chainId: bigint,
  addresses: Record<ContractName, { address: string; blockNumber: number }>,
): Promise<void> {
  await manager.query(`DELETE FROM deployments WHERE chain_id = $1`, [chainId.toString()]);
  for (const [name, { address, blockNumber }] of Object.entries(addresses)) {
    await manager.query(`INSERT INTO deployments (chain_id, name, address, block_number) VALUES ($1, $2, $3, $4)`, [
      chainId.toString(),
      name,
      address,
      blockNumber,
    ]);
  }
}
