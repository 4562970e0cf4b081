import type { EntityManager } from 'typeorm';
import type { ContractName } from '../../contracts/index.js';
import { deployedContractsOf, type DeployedContracts, type RecordedContract } from './deployed-contracts.js';

/**
 * Serialises deployments until the transaction ends, so the service and the stack script never deploy
 * twice at once.
 */
export async function lockDeployments(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('ledger-bridge:deploy'))`);
}

export async function recordedDeployment(manager: EntityManager, chainId: bigint): Promise<DeployedContracts | null> {
  const rows: RecordedContract[] = await manager.query(
    `SELECT name, address, block_number FROM deployments WHERE chain_id = $1`,
    [chainId.toString()],
  );
  return deployedContractsOf(chainId, rows);
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
