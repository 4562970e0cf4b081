import { ContractFactory, type BaseWallet } from 'ethers';
import type { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '#libs/persistence';
import { loadArtifact } from '../../contracts/index.js';
import { contractAt } from '../chain/chain-client.js';
import { lockDeployments } from './deployment-store.js';

/**
 * The `AuditAnchor` contract for `anchorer` (the relayer's address): the recorded one when its code is on
 * the chain and it names that anchorer, else a new one, recorded in `deployments` beside the others. Kept
 * apart from `deployContracts` so a chain that already has the other four gets only this one added.
 */
export async function ensureAuditAnchor(
  dataSource: DataSource,
  deployer: BaseWallet,
  anchorer: string,
): Promise<string> {
  const provider = deployer.provider;
  if (!provider) throw new Error('the deployer needs a provider');
  const chainId = (await provider.getNetwork()).chainId.toString();
  return inTransaction(dataSource, async (manager) => {
    await lockDeployments(manager);
    const recorded = await recordedAuditAnchor(manager, chainId);
    if (recorded && (await provider.getCode(recorded)) !== '0x') {
      const current = (await contractAt('AuditAnchor', recorded, deployer).getFunction('anchorer')()) as string;
      if (current.toLowerCase() === anchorer.toLowerCase()) return recorded;
    }
    const { abi, bytecode } = loadArtifact('AuditAnchor');
    const contract = await new ContractFactory(abi, bytecode, deployer).deploy(anchorer);
    const receipt = await contract.deploymentTransaction()?.wait();
    const address = await contract.getAddress();
    await manager.query(`DELETE FROM deployments WHERE chain_id = $1 AND name = 'AuditAnchor'`, [chainId]);
    await manager.query(
      `INSERT INTO deployments (chain_id, name, address, block_number) VALUES ($1, 'AuditAnchor', $2, $3)`,
      [chainId, address, receipt?.blockNumber ?? 0],
    );
    return address;
  });
}

/** The recorded `AuditAnchor` address on the chain `chainId`, or null. */
export async function recordedAuditAnchor(manager: EntityManager, chainId: string): Promise<string | null> {
  const rows: { address: string }[] = await manager.query(
    `SELECT address FROM deployments WHERE chain_id = $1 AND name = 'AuditAnchor'`,
    [chainId],
  );
  return rows[0]?.address ?? null;
}
