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

/**
 * prom-client's totals of active handles, requests and resources are gauges named `…_total`, which
 * Prometheus keeps for counters (`promtool check metrics` flags them). The same numbers stay, by type,
 * in `nodejs_active_handles`, `nodejs_active_requests` and `nodejs_active_resources`: sum those instead.
 */
const GAUGES_NAMED_AS_COUNTERS = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
] as const;

/** prom-client refuses to register a metric name twice (several apps in one test process). */
function collectDefaultMetricsOnce(): void {
  if (register.getSingleMetric('process_cpu_user_seconds_total')) return;
  collectDefaultMetrics();
  for (const name of GAUGES_NAMED_AS_COUNTERS) register.removeSingleMetric(name);
}
