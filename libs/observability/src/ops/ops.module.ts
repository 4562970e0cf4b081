import { type DynamicModule, Module, type OnApplicationShutdown } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { collectDefaultMetrics, register } from 'prom-client';
import { shutdownTelemetry } from '../telemetry/telemetry-state.js';
import { HealthController } from './health.controller.js';
import { MetricsController } from './metrics.controller.js';
import { OPS_OPTIONS, type OpsModuleOptions } from './ops-options.js';
import { ReadinessIndicators } from './readiness-indicators.js';

/**
 * `GET /health/live`, `GET /health/ready` (terminus) and `GET /metrics` (Prometheus) for a service.
 * On shutdown it flushes the spans the preload's SDK still holds.
 */
@Module({})
export class OpsModule implements OnApplicationShutdown {
  static forRoot(options: OpsModuleOptions): DynamicModule {
    collectDefaultMetricsOnce();
    return {
      module: OpsModule,
      imports: [TerminusModule.forRoot()],
      controllers: [HealthController, MetricsController],
      providers: [{ provide: OPS_OPTIONS, useValue: options }, ReadinessIndicators],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await shutdownTelemetry();
  }
}

/** prom-client refuses to register a metric name twice (several apps in one test process). */
function collectDefaultMetricsOnce(): void {
  if (!register.getSingleMetric('process_cpu_user_seconds_total')) collectDefaultMetrics();
}
