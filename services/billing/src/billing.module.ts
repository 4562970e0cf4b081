import { Module, type DynamicModule } from '@nestjs/common';
import { ConsumerHealth, MessagingModule, NatsConnectionHolder } from '#libs/messaging';
import { OpsModule, providerReadiness, readinessCheck, type ReadinessCheck } from '#libs/observability';
import { PersistenceModule } from '#libs/persistence';
import { PhiModule, readPhiConfig } from '#libs/phi';
import type { NamespacedNatsServer } from '#libs/rpc';
import { MemberAccumulatorsHandlers } from './accumulators/member-accumulators.handlers.js';
import { ClaimPricingHandlers } from './claim-pricing/claim-pricing.handlers.js';
import { BILLING_CONFIG, type BillingConfig } from './config/billing-config.js';
import { EstimatesHandlers } from './estimates/estimates.handlers.js';
import { ReplaceFeeScheduleHandlers } from './fee-schedule/replace-fee-schedule.handlers.js';
import { SetNetworkHandlers } from './network/set-network.handlers.js';
import { PayoutHandlers } from './payouts/payout.handlers.js';
import { RegisterProviderHandlers } from './providers/register-provider.handlers.js';
import { UnderwritingReadModelHandlers } from './read-models/underwriting-read-models.handlers.js';
import { billingMigrations } from './migrations/index.js';
import { BILLING_PHI_COLUMNS } from './phi-columns.js';

export interface BillingModuleOptions {
  config: BillingConfig;
  /** The request/reply server, when the app serves one, so `/health/ready` includes it. */
  rpcServer?: NamespacedNatsServer;
}

/**
 * The billing service: providers, fee schedules, network and estimates over request/reply; claim
 * pricing, accumulators and the payout ledger on the bus; the operations endpoints.
 */
@Module({})
export class BillingModule {
  static forRoot({ config, rpcServer }: BillingModuleOptions): DynamicModule {
    const readiness: ReadinessCheck[] = [
      providerReadiness('nats', NatsConnectionHolder, (bus) => bus.isConnected()),
      // Not ready while a consumer is paused on an unavailable database (libs/messaging README).
      providerReadiness('consumers', ConsumerHealth, (consumers) => consumers.assertRunning()),
    ];
    if (rpcServer) readiness.push(readinessCheck('rpc', () => rpcServer.isConnected()));
    return {
      module: BillingModule,
      imports: [
        PersistenceModule.forRoot({ url: config.databaseUrl, entities: [], migrations: billingMigrations }),
        PhiModule.forRoot({ config: readPhiConfig(), columns: BILLING_PHI_COLUMNS }),
        MessagingModule.forRoot({ service: 'billing', natsUrl: config.natsUrl, namespace: config.busNamespace }),
        OpsModule.forRoot({ service: 'billing', readiness, opsToken: config.opsToken }),
      ],
      controllers: [
        MemberAccumulatorsHandlers,
        RegisterProviderHandlers,
        ReplaceFeeScheduleHandlers,
        SetNetworkHandlers,
        EstimatesHandlers,
      ],
      providers: [
        { provide: BILLING_CONFIG, useValue: config },
        UnderwritingReadModelHandlers,
        ClaimPricingHandlers,
        PayoutHandlers,
      ],
    };
  }
}
