import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { OPS_OPTIONS, type OpsModuleOptions } from './ops-options.js';
import { ReadinessIndicators } from './readiness-indicators.js';

/** `/health/live`: the process answers. `/health/ready`: its database and bus answer too. */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
    @Inject(HealthIndicatorService) private readonly indicators: HealthIndicatorService,
    @Inject(ReadinessIndicators) private readonly readiness: ReadinessIndicators,
    @Inject(OPS_OPTIONS) private readonly options: OpsModuleOptions,
  ) {}

  @Get('live')
  @HealthCheck({ swaggerDocumentation: false })
  live() {
    return this.health.check([() => this.indicators.check('process').up({ service: this.options.service })]);
  }

  @Get('ready')
  @HealthCheck({ swaggerDocumentation: false })
  ready() {
    return this.health.check(this.readiness.all());
  }
}
