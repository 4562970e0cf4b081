import { Controller, Get, Headers, Inject, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { opensOps } from './ops-access.js';
import { OPS_OPTIONS, type OpsModuleOptions } from './ops-options.js';
import { ReadinessIndicators } from './readiness-indicators.js';

/**
 * `/health/live`: the process answers. `/health/ready`: its database and bus answer too; anyone
 * gets the verdict (`{status}`, 200 or 503: all a load balancer or probe needs), only a caller with
 * the ops token gets which dependency is down, since the report names internal addresses.
 */
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
  async ready(@Headers('authorization') authorization: string | undefined) {
    const report = this.health.check(this.readiness.all());
    if (opensOps(authorization, this.options.opsToken)) return report;
    try {
      await report;
      return { status: 'ok' };
    } catch (error) {
      if (error instanceof ServiceUnavailableException) throw new ServiceUnavailableException({ status: 'error' });
      throw error;
    }
  }
}
