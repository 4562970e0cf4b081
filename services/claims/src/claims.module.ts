import { Module, type DynamicModule } from '@nestjs/common';
import { ConsumerHealth, MessagingModule, NatsConnectionHolder } from '#libs/messaging';
import { OpsModule, providerReadiness, readinessCheck, type ReadinessCheck } from '#libs/observability';
import { PersistenceModule } from '#libs/persistence';
import { PhiModule } from '#libs/phi';
import { ReviewBacklogHandlers } from './admission/review-backlog.handlers.js';
import { claimsEntities } from './claim/entities.js';
import { CLAIMS_CONFIG, type ClaimsConfig } from './claims.config.js';
import { DeadlineScanner } from './deadlines/deadline-scanner.js';
import { OverdueClaimsGauge } from './deadlines/overdue-claims.gauge.js';
import { SubmitClaimHandlers } from './intake/submit-claim.handlers.js';
import { claimsMigrations } from './migrations/index.js';
import { ClaimQueriesHandlers } from './reads/claim-queries.handlers.js';
import type { NamespacedNatsServer } from '#libs/rpc';
import { SagaHandlers } from './saga/saga.handlers.js';
import { MemberInsurerHandlers } from './members/member-insurer.handlers.js';
import { SettlementHandlers } from './settlement/settlement.handlers.js';
import { CLAIMS_PHI_COLUMNS } from './phi-columns.js';

export interface ClaimsModuleOptions {
  config: ClaimsConfig;
  /** The request/reply server, when the app serves one, so `/health/ready` includes it. */
  rpcServer?: NamespacedNatsServer;
}

/**
 * The claims service: intake and reads over request/reply, the claim saga on the bus, the deadline
 * scanner, and the operations endpoints. Built from a validated config so tests run it in-process.
 */
@Module({})
export class ClaimsModule {
  static forRoot({ config, rpcServer }: ClaimsModuleOptions): DynamicModule {
    const readiness: ReadinessCheck[] = [
      providerReadiness('nats', NatsConnectionHolder, (bus) => bus.isConnected()),
      // Not ready while a consumer is paused on an unavailable database (libs/messaging README).
      providerReadiness('consumers', ConsumerHealth, (consumers) => consumers.assertRunning()),
    ];
    if (rpcServer) readiness.push(readinessCheck('rpc', () => rpcServer.isConnected()));
    return {
      module: ClaimsModule,
      imports: [
        PersistenceModule.forRoot({ url: config.databaseUrl, entities: claimsEntities, migrations: claimsMigrations }),
        PhiModule.forRoot({ config: config.phi, columns: CLAIMS_PHI_COLUMNS }),
        MessagingModule.forRoot({ service: 'claims', natsUrl: config.natsUrl, namespace: config.busNamespace }),
        OpsModule.forRoot({ service: 'claims', readiness, opsToken: config.opsToken }),
      ],
      controllers: [SubmitClaimHandlers, ClaimQueriesHandlers, ReviewBacklogHandlers],
      providers: [
        { provide: CLAIMS_CONFIG, useValue: config },
        SagaHandlers,
        DeadlineScanner,
        OverdueClaimsGauge,
        MemberInsurerHandlers,
        SettlementHandlers,
      ],
    };
  }
}
