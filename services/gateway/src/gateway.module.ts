import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { AuthModule } from '#libs/auth';
import { OpsModule } from '#libs/observability';
import { PersistenceModule } from '#libs/persistence';
import { AuditModule } from './audit/audit.module.js';
import { PhiModule, readPhiConfig } from '#libs/phi';
import { ClaimsController } from './claims/claims.controller.js';
import { EstimatesController } from './estimates/estimates.controller.js';
import { FeeScheduleController } from './fee-schedule/fee-schedule.controller.js';
import { FhirController } from './fhir/fhir.controller.js';
import { FhirReadsController } from './fhir/fhir-reads.controller.js';
import { ClaimSubmit } from './fhir/claim-submit.js';
import { GfeSubmit } from './fhir/gfe-submit.js';
import { NetworkController } from './network/network.controller.js';
import { ProvidersController } from './providers/providers.controller.js';
import { GATEWAY_CONFIG, type GatewayConfig } from './config/gateway-config.js';
import { gatewayReadinessChecks } from './health/readiness-checks.js';
import { ProblemFilter } from './http/problem.filter.js';
import { IdempotencyService } from './idempotency/idempotency.service.js';
import { InsurersController } from './insurers/insurers.controller.js';
import { ExclusionsController } from './fraud/exclusions.controller.js';
import { ConsentsController } from './consents/consents.controller.js';
import { DeadLettersModule } from './dead-letters/dead-letters.module.js';
import { LedgerController } from './ledger/ledger.controller.js';
import { RecordsController } from './records/records.controller.js';
import { FraudFlagsController } from './fraud/fraud-flags.controller.js';
import { gatewayMigrations } from './idempotency/migrations/index.js';
import { GATEWAY_PHI_COLUMNS } from './phi-columns.js';
import { MembersController } from './members/members.controller.js';
import { PlansController } from './plans/plans.controller.js';
import { PortalController } from './portal/portal.controller.js';
import { ReferenceController } from './reference/reference.controller.js';
import { QuotesController } from './quotes/quotes.controller.js';
import { RpcModule } from './rpc/rpc.module.js';
import { createValidationPipe } from './validation/validation.pipe.js';

@Module({})
class GatewayConfigModule {}

/** The gateway: public HTTP API in, request/reply to the services out; its tables: idempotency keys, rate-limit counts, the audit trail. */
@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        {
          module: GatewayConfigModule,
          global: true,
          providers: [{ provide: GATEWAY_CONFIG, useValue: config }],
          exports: [GATEWAY_CONFIG],
        },
        PersistenceModule.forRoot({ url: config.databaseUrl, entities: [], migrations: gatewayMigrations }),
        PhiModule.forRoot({ config: readPhiConfig(), columns: GATEWAY_PHI_COLUMNS }),
        AuthModule.forRoot(config.auth),
        RpcModule,
        DeadLettersModule,
        AuditModule,
        OpsModule.forRoot({
          service: 'gateway',
          readiness: gatewayReadinessChecks(config.upstreamReadyUrls),
          opsToken: config.opsToken,
        }),
      ],
      controllers: [
        InsurersController,
        PlansController,
        MembersController,
        QuotesController,
        ClaimsController,
        ProvidersController,
        FeeScheduleController,
        NetworkController,
        EstimatesController,
        FraudFlagsController,
        ExclusionsController,
        LedgerController,
        RecordsController,
        ConsentsController,
        ReferenceController,
        PortalController,
        FhirController,
        FhirReadsController,
      ],
      providers: [
        IdempotencyService,
        GfeSubmit,
        ClaimSubmit,
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
