import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceConfig } from '#libs/config';
import { ConsumerHealth, MessagingModule, NatsConnectionHolder } from '#libs/messaging';
import { OpsModule, providerReadiness, readinessCheck, type ReadinessCheck } from '#libs/observability';
import { PersistenceModule } from '#libs/persistence';
import type { NamespacedNatsServer } from '#libs/rpc';
import { CoverageHandlers } from './coverage/coverage.handlers.js';
import { CoveragePreviewHandler } from './coverage/coverage-preview.handler.js';
import { EstimatePreauthorizations } from './coverage/estimate-preauthorizations.js';
import { PREAUTHORIZATION_SOURCE } from './coverage/preauthorization-source.js';
import { CreateInsurerHandler } from './insurers/create-insurer.handler.js';
import { CreateMemberHandler } from './members/create-member.handler.js';
import { MemberEligibilityHandler } from './members/member-eligibility.handler.js';
import { UpdateMemberHandler } from './members/update-member.handler.js';
import { underwritingMigrations } from './migrations/index.js';
import { CreatePlanHandler } from './plans/create-plan.handler.js';
import { CreateQuoteHandler } from './quotes/create-quote.handler.js';
import { ReferenceDataSeeder } from './reference-data/reference-data.seeder.js';

export interface UnderwritingModuleOptions {
  config: ServiceConfig;
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
        MessagingModule.forRoot({ service: 'underwriting', natsUrl: config.natsUrl, namespace: config.busNamespace }),
        OpsModule.forRoot({ service: 'underwriting', readiness }),
      ],
      controllers: [
        CreateInsurerHandler,
        CreatePlanHandler,
        CreateMemberHandler,
        UpdateMemberHandler,
        MemberEligibilityHandler,
        CreateQuoteHandler,
        CoveragePreviewHandler,
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
