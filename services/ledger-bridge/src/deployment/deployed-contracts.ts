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

/** One contract's deployment as recorded. */
export interface RecordedContract {
  name: ContractName;
  address: string;
  block_number: string;
}

/** The contracts deployed together; `AuditAnchor` is deployed on its own (see audit-anchor-deployment.ts). */
type CoreContractName = Exclude<ContractName, 'AuditAnchor'>;

const FIELD_OF: Record<CoreContractName, keyof Omit<DeployedContracts, 'chainId' | 'fromBlock'>> = {
  HceToken: 'token',
  RecordRegistry: 'recordRegistry',
  ConsentRegistry: 'consentRegistry',
  ClaimSettlement: 'settlement',
};

/** The deployment the recorded contracts make up; null until every contract is recorded. */
export function deployedContractsOf(chainId: bigint, recorded: RecordedContract[]): DeployedContracts | null {
  const core = recorded.filter((row) => row.name in FIELD_OF);
  if (core.length < Object.keys(FIELD_OF).length) return null;
  const deployed: Partial<DeployedContracts> = { chainId, fromBlock: Number.MAX_SAFE_INTEGER };
  for (const row of core) {
    const field = FIELD_OF[row.name as CoreContractName];
    deployed[field] = row.address;
    deployed.fromBlock = Math.min(deployed.fromBlock ?? 0, Number(row.block_number));
  }
  return deployed as DeployedContracts;
}
