import { Module, type DynamicModule } from '@nestjs/common';
import { ConsumerHealth, MessagingModule, NatsConnectionHolder } from '#libs/messaging';
import { OpsModule, providerReadiness, readinessCheck, type ReadinessCheck } from '#libs/observability';
import { PersistenceModule } from '#libs/persistence';
import { PhiModule } from '#libs/phi';
import type { NamespacedNatsServer } from '#libs/rpc';
import { CoverageHandlers } from './coverage/coverage.handlers.js';
import { CoveragePreviewHandlers } from './coverage/coverage-preview.handlers.js';
import { EstimatePreauthorizations } from './coverage/estimate-preauthorizations.js';
import { PREAUTHORIZATION_SOURCE } from './coverage/preauthorization-source.js';
import { CreateInsurerHandlers } from './insurers/create-insurer.handlers.js';
import { CreateMemberHandlers } from './members/create-member.handlers.js';
import { MemberEligibilityHandlers } from './members/member-eligibility.handlers.js';
import { MemberReadsHandlers } from './members/member-reads.handlers.js';
import { UpdateMemberHandlers } from './members/update-member.handlers.js';
import { underwritingMigrations } from './migrations/index.js';
import { CreatePlanHandlers } from './plans/create-plan.handlers.js';
import { PlanReadsHandlers } from './plans/plan-reads.handlers.js';
import { CreateQuoteHandlers } from './quotes/create-quote.handlers.js';
import { ListProceduresHandlers } from './reference-data/list-procedures.handlers.js';
import { ReferenceDataSeeder } from './reference-data/reference-data.seeder.js';
import type { UnderwritingConfig } from './underwriting.config.js';
import { UNDERWRITING_PHI_COLUMNS } from './phi-columns.js';

export interface UnderwritingModuleOptions {
  config: UnderwritingConfig;
  /** The request/reply server, when the app serves one, so `/health/ready` includes it. */
  rpcServer?: NamespacedNatsServer;
}

/**
 * The underwriting service: set-up, eligibility and quotes over request/reply, coverage decisions
 * on the bus, the reference seed, and the operations endpoints. Built from a validated config so
 * tests run it in-process.
 */
@Module({})
export class UnderwritingModule {
  static forRoot({ config, rpcServer }: UnderwritingModuleOptions): DynamicModule {
    const readiness: ReadinessCheck[] = [
      providerReadiness('nats', NatsConnectionHolder, (bus) => bus.isConnected()),
      // Not ready while a consumer is paused on an unavailable database (libs/messaging README).
      providerReadiness('consumers', ConsumerHealth, (consumers) => consumers.assertRunning()),
    ];
    if (rpcServer) readiness.push(readinessCheck('rpc', () => rpcServer.isConnected()));
    return {
      module: UnderwritingModule,
      imports: [
        PersistenceModule.forRoot({ url: config.databaseUrl, entities: [], migrations: underwritingMigrations }),
        PhiModule.forRoot({ config: config.phi, columns: UNDERWRITING_PHI_COLUMNS }),
        MessagingModule.forRoot({ service: 'underwriting', natsUrl: config.natsUrl, namespace: config.busNamespace }),
        OpsModule.forRoot({ service: 'underwriting', readiness, opsToken: config.opsToken }),
      ],
      controllers: [
        CreateInsurerHandlers,
        CreatePlanHandlers,
        CreateMemberHandlers,
        UpdateMemberHandlers,
        MemberEligibilityHandlers,
        PlanReadsHandlers,
        MemberReadsHandlers,
        CreateQuoteHandlers,
        CoveragePreviewHandlers,
        ListProceduresHandlers,
      ],
      providers: [
        ReferenceDataSeeder,
        CoverageHandlers,
        EstimatePreauthorizations,
        { provide: PREAUTHORIZATION_SOURCE, useExisting: EstimatePreauthorizations },
      ],
    };
  }
}
