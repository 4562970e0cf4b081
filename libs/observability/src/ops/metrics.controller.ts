import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiSecurity, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { register } from 'prom-client';
import { OPS_PROBLEM_CONTENT_TYPE, OPS_SECURITY_SCHEME, OPS_UNAUTHORIZED, opensOps } from './ops-access.js';
import { OPS_OPTIONS, type OpsModuleOptions } from './ops-options.js';

/** What this controller needs of Fastify's reply (the services all run on Fastify). */
interface OpsReply {
  code(status: number): OpsReply;
  header(name: string, value: string): OpsReply;
  send(body: string): unknown;
}

/**
 * Prometheus text of the default registry (process metrics and whatever the libraries register),
 * only for a caller with the ops token: metrics name routes, subjects and queue depths.
 */
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(OPS_OPTIONS) private readonly options: OpsModuleOptions) {}

  @Get()
  @ApiOperation({
    summary: 'Prometheus metrics',
    description: 'For the scraper: the service’s metrics in Prometheus text. Only with the ops token.',
  })
  @ApiSecurity(OPS_SECURITY_SCHEME)
  @ApiOkResponse({
    description: 'The metrics, never cached',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  @ApiUnauthorizedResponse({
    description: 'No ops token, or a wrong one',
    content: { [OPS_PROBLEM_CONTENT_TYPE]: { schema: { type: 'object' }, example: OPS_UNAUTHORIZED } },
  })
  async metrics(@Headers('authorization') authorization: string | undefined, @Res() reply: OpsReply): Promise<void> {
    reply.header('cache-control', 'no-store');
    if (!opensOps(authorization, this.options.opsToken)) {
      reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="ops"')
        .header('content-type', OPS_PROBLEM_CONTENT_TYPE)
        .send(JSON.stringify(OPS_UNAUTHORIZED));
      return;
    }
    reply
      .code(200)
      .header('content-type', register.contentType)
      .send(await register.metrics());
  }
}
