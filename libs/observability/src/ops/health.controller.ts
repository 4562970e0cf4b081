import { Controller, Get, Headers, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { OPS_SECURITY_SCHEME, opensOps } from './ops-access.js';
import { OPS_OPTIONS, type OpsModuleOptions } from './ops-options.js';
import { ReadinessIndicators } from './readiness-indicators.js';

/**
 * `/health/live`: the process answers. `/health/ready`: its database and bus answer too; anyone
 * gets the verdict (`{status}`, 200 or 503: all a load balancer or probe needs), only a caller with
 * the ops token gets which dependency is down, since the report names internal addresses.
 */
@ApiTags('operations')
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
  @ApiOperation({
    summary: 'Liveness',
    description: 'For liveness probes: the process answers. Open to anyone; names only the service.',
  })
  // An empty requirement: no credentials needed.
  @ApiSecurity({})
  @ApiOkResponse({ description: 'Alive: `status` is `ok`' })
  live() {
    return this.health.check([() => this.indicators.check('process').up({ service: this.options.service })]);
  }

  @Get('ready')
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({
    summary: 'Readiness',
    description:
      'For probes and load balancers: whether the service’s database, bus and other dependencies answer. ' +
      'Anyone gets the verdict, `{"status": "ok"}` or `{"status": "error"}`; a caller with the ops ' +
      'token gets the full report, naming the dependency that is down.',
  })
  // No credentials (the verdict) or the ops token (the report); listed bottom-up. A wrong token: the verdict.
  @ApiSecurity(OPS_SECURITY_SCHEME)
  @ApiSecurity({})
  @ApiOkResponse({ description: 'Ready' })
  @ApiResponse({ status: 503, description: 'Not ready: a dependency is down' })
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
