import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { register } from 'prom-client';
import { OPS_PROBLEM_CONTENT_TYPE, OPS_UNAUTHORIZED, opensOps } from './ops-access.js';
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
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(OPS_OPTIONS) private readonly options: OpsModuleOptions) {}

  @Get()
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
