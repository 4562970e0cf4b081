import { type DynamicModule, Module } from '@nestjs/common';
import { ConsumerHealth, MessagingModule, NatsConnectionHolder } from '#libs/messaging';
import { OpsModule, providerReadiness, readinessCheck, type ReadinessCheck } from '#libs/observability';
import { PersistenceModule } from '#libs/persistence';
import { PhiModule, readPhiConfig } from '#libs/phi';
import type { NamespacedNatsServer } from '#libs/rpc';
import { Wallet } from 'ethers';
import { DataSource } from 'typeorm';
import { AuditAnchorHandlers } from './audit/audit-anchor.handlers.js';
import { askChainId } from './chain/chain-client.js';
import { LedgerChain } from './chain/ledger-chain.js';
import { BRIDGE_CONFIG } from './config/bridge-config.provider.js';
import type { BridgeConfig } from './config/bridge-config.js';
import { DirectoryHandlers } from './directory/directory.handlers.js';
import { IndexerWorker } from './indexer/indexer-worker.js';
import { ChainLeadership } from './leadership/chain-leadership.js';
import { leaderGauge } from './leadership/leader-gauge.js';
import { ChainMetricsWorker } from './metrics/chain-metrics-worker.js';
import { ledgerBridgeMigrations } from './migrations/index.js';
import { PayoutRequestHandlers } from './payouts/payout-request.handlers.js';
import { SettlementWorker } from './payouts/settlement-worker.js';
import { ConsentRevokeHandlers } from './relay/consent-revoke.handlers.js';
import { ConsentsHandlers } from './relay/consents.handlers.js';
import { LedgerReadsHandlers } from './relay/ledger-reads.handlers.js';
import { RecordReadsHandlers } from './relay/record-reads.handlers.js';
import { RecordsHandlers } from './relay/records.handlers.js';
import { Relayer } from './relay/relayer.js';
import { VerificationHandlers } from './verification/verification.handlers.js';
import { LEDGER_BRIDGE_PHI_COLUMNS } from './phi-columns.js';

export interface LedgerBridgeModuleOptions {
  config: BridgeConfig;
  rpcServer?: NamespacedNatsServer;
}

/**
 * The ledger bridge: address read models, claim verification and payout requests on the bus, the payout
 * worker and the chain indexer (on the chain leader only), and the operations endpoints (ready only while
 * the chain answers; leadership is reported, not required). The contracts are deployed
 * (or found) before any handler starts, so every handler has them.
 */
@Module({})
export class LedgerBridgeModule {
  static forRoot({ config, rpcServer }: LedgerBridgeModuleOptions): DynamicModule {
    const readiness: ReadinessCheck[] = [
      providerReadiness('nats', NatsConnectionHolder, (bus) => bus.isConnected()),
      // Not ready while a consumer is paused on an unavailable database (libs/messaging README).
      providerReadiness('consumers', ConsumerHealth, (consumers) => consumers.assertRunning()),
      readinessCheck('chain', () => askChainId(config.chainRpcUrl).then(() => true)),
      // Detail, never a failure: a follower serves its consumers and RPC, and is ready.
      providerReadiness('leadership', ChainLeadership, (leadership) => ({ ...leadership.state() })),
    ];
    if (rpcServer) readiness.push(readinessCheck('rpc', () => rpcServer.isConnected()));
    return {
      module: LedgerBridgeModule,
      imports: [
        PersistenceModule.forRoot({ url: config.databaseUrl, entities: [], migrations: ledgerBridgeMigrations }),
        PhiModule.forRoot({ config: readPhiConfig(), columns: LEDGER_BRIDGE_PHI_COLUMNS }),
        MessagingModule.forRoot({ service: 'ledger-bridge', natsUrl: config.natsUrl, namespace: config.busNamespace }),
        OpsModule.forRoot({ service: 'ledger-bridge', readiness, opsToken: config.opsToken }),
      ],
      controllers: [
        RecordsHandlers,
        RecordReadsHandlers,
        ConsentsHandlers,
        ConsentRevokeHandlers,
        LedgerReadsHandlers,
        AuditAnchorHandlers,
      ],
      providers: [
        { provide: BRIDGE_CONFIG, useValue: config },
        {
          provide: LedgerChain,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => LedgerChain.open(config, dataSource),
        },
        {
          provide: Relayer,
          inject: [LedgerChain, DataSource],
          useFactory: (chain: LedgerChain, dataSource: DataSource) =>
            new Relayer(new Wallet(config.relayerKey, chain.client.provider), dataSource),
        },
        {
          provide: ChainLeadership,
          useFactory: () => {
            const gauge = leaderGauge();
            return new ChainLeadership({
              databaseUrl: config.databaseUrl,
              intervalMs: Math.max(config.pollMs, 250),
              onChange: (leader) => gauge.set(leader ? 1 : 0),
            });
          },
        },
        DirectoryHandlers,
        VerificationHandlers,
        PayoutRequestHandlers,
        SettlementWorker,
        IndexerWorker,
        ChainMetricsWorker,
      ],
    };
  }
}
