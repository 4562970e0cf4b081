import { Wallet, type Contract } from 'ethers';
import type { DataSource } from 'typeorm';
import type { BridgeConfig } from '../config/bridge-config.js';
import { ensureAuditAnchor, recordedAuditAnchor } from '../deployment/audit-anchor-deployment.js';
import { deployContracts } from '../deployment/deploy-contracts.js';
import type { DeployedContracts } from '../deployment/deployed-contracts.js';
import { recordedDeployment } from '../deployment/deployment-store.js';
import { connectChain, contractAt, type ChainClient } from './chain-client.js';
import { retryUntil } from './retry.js';

/** The chain and the platform's contracts on it, as every part of the bridge uses them. */
export class LedgerChain {
  readonly records: Contract;
  readonly consents: Contract;
  readonly settlement: Contract;
  readonly token: Contract;
  /** Null while no `AuditAnchor` is deployed for the relayer (`LEDGER_DEPLOY=never` and none recorded). */
  readonly auditAnchor: Contract | null;

  constructor(
    readonly client: ChainClient,
    readonly contracts: DeployedContracts,
    auditAnchorAddress: string | null = null,
  ) {
    const { provider } = client;
    this.records = contractAt('RecordRegistry', contracts.recordRegistry, provider);
    this.consents = contractAt('ConsentRegistry', contracts.consentRegistry, provider);
    this.settlement = contractAt('ClaimSettlement', contracts.settlement, provider);
    this.token = contractAt('HceToken', contracts.token, provider);
    this.auditAnchor = auditAnchorAddress ? contractAt('AuditAnchor', auditAnchorAddress, provider) : null;
  }

  /**
   * Waits for the chain to answer, then deploys the contracts (`LEDGER_DEPLOY=auto`, idempotent) or waits
   * for a deployment another process records (`never`).
   */
  static async open(config: BridgeConfig, dataSource: DataSource): Promise<LedgerChain> {
    const client = await retryUntil(() => connectChain(config.chainRpcUrl, config.signerKey), {
      timeoutMs: 60_000,
      intervalMs: 500,
      what: `the chain at CHAIN_RPC_URL ${config.chainRpcUrl}`,
    });
    const contracts =
      config.deploy === 'auto'
        ? await deployContracts(dataSource, client.signer)
        : await retryUntil(
            () => recordedDeployment(dataSource.manager, client.chainId).then((found) => found ?? undefined),
            {
              timeoutMs: 120_000,
              intervalMs: 1000,
              what: 'a recorded deployment of the contracts',
            },
          );
    const auditAnchor =
      config.deploy === 'auto'
        ? await ensureAuditAnchor(dataSource, client.signer, new Wallet(config.relayerKey).address)
        : await recordedAuditAnchor(dataSource.manager, client.chainId.toString());
    return new LedgerChain(client, contracts, auditAnchor);
  }

  close(): void {
    this.client.provider.destroy();
  }
}
