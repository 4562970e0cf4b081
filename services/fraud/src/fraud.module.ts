import { Module, type DynamicModule } from '@nestjs/common';
import { ConsumerHealth, MessagingModule, NatsConnectionHolder } from '#libs/messaging';
import { OpsModule, providerReadiness, readinessCheck, type ReadinessCheck } from '#libs/observability';
import { PersistenceModule } from '#libs/persistence';
import { PhiModule } from '#libs/phi';
import type { NamespacedNatsServer } from '#libs/rpc';
import { CreateExclusionHandlers } from './exclusions/create-exclusion.handlers.js';
import { FlagActionsHandlers } from './flags/flag-actions.handlers.js';
import { FlagQueriesHandlers } from './flags/flag-queries.handlers.js';
import { RuleCodesBackfill } from './flags/rule-codes-backfill.js';
import { FRAUD_SETTINGS, screeningSettings, type FraudConfig } from './fraud-config.js';
import { fraudMigrations } from './migrations/index.js';
import { ReadModelHandlers } from './read-models/read-model.handlers.js';
import { ScreeningHandlers } from './screening/screening.handlers.js';
import { FRAUD_PHI_COLUMNS } from './phi-columns.js';

export interface FraudModuleOptions {
  config: FraudConfig;
  /** The request/reply server, when the app serves one, so `/health/ready` includes it. */
  rpcServer?: NamespacedNatsServer;
}

/**
 * The fraud service: screening and read models on the bus, the analyst queue and exclusions over
 * request/reply, and the operations endpoints. Built from a validated config so tests run it in-process.
 */
@Module({})
export class FraudModule {
  static forRoot({ config, rpcServer }: FraudModuleOptions): DynamicModule {
    const readiness: ReadinessCheck[] = [
      providerReadiness('nats', NatsConnectionHolder, (bus) => bus.isConnected()),
      // Not ready while a consumer is paused on an unavailable database (libs/messaging README).
      providerReadiness('consumers', ConsumerHealth, (consumers) => consumers.assertRunning()),
    ];
    if (rpcServer) readiness.push(readinessCheck('rpc', () => rpcServer.isConnected()));
    return {
      module: FraudModule,
      imports: [
        PersistenceModule.forRoot({ url: config.databaseUrl, entities: [], migrations: fraudMigrations }),
        PhiModule.forRoot({ config: config.phi, columns: FRAUD_PHI_COLUMNS }),
        MessagingModule.forRoot({ service: 'fraud', natsUrl: config.natsUrl, namespace: config.busNamespace }),
        OpsModule.forRoot({ service: 'fraud', readiness, opsToken: config.opsToken }),
      ],
      controllers: [FlagQueriesHandlers, FlagActionsHandlers, CreateExclusionHandlers],
      providers: [
        { provide: FRAUD_SETTINGS, useValue: screeningSettings(config) },
        ScreeningHandlers,
        ReadModelHandlers,
        RuleCodesBackfill,
      ],
    };
  }
}
