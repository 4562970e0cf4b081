import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceConfig } from '#libs/config';
import { MessagingModule, NatsConnectionHolder } from '#libs/messaging';
import { OpsModule, providerReadiness, readinessCheck, type ReadinessCheck } from '#libs/observability';
import { PersistenceModule } from '#libs/persistence';
import type { NamespacedNatsServer } from '#libs/rpc';
import { MemberAccumulatorsHandler } from './accumulators/member-accumulators.handler.js';
import { billingMigrations } from './migrations/index.js';

export interface BillingModuleOptions {
  config: ServiceConfig;
  /** The request/reply server, when the app serves one, so `/health/ready` includes it. */
  rpcServer?: NamespacedNatsServer;
}

/**
 * The billing service: accumulators over request/reply (pricing, estimates and payouts come with
 * the issues that build them), the bus for its outbox, and the operations endpoints.
 */
@Module({})
export class BillingModule {
  static forRoot({ config, rpcServer }: BillingModuleOptions): DynamicModule {
    const readiness: ReadinessCheck[] = [providerReadiness('nats', NatsConnectionHolder, (bus) => bus.isConnected())];
    if (rpcServer) readiness.push(readinessCheck('rpc', () => rpcServer.isConnected()));
    return {
      module: BillingModule,
      imports: [
        PersistenceModule.forRoot({ url: config.databaseUrl, entities: [], migrations: billingMigrations }),
        MessagingModule.forRoot({ service: 'billing', natsUrl: config.natsUrl, namespace: config.busNamespace }),
        OpsModule.forRoot({ service: 'billing', readiness }),
      ],
      controllers: [MemberAccumulatorsHandler],
    };
  }
}
