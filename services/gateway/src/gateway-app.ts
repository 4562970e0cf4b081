import type { IncomingMessage } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { observeHttpRequests, useHttpTracing } from '#libs/observability';
import type { GatewayConfig } from './config/gateway-config.js';
import { GatewayModule } from './gateway.module.js';
import { answerClientError, answerFrameworkError } from './http/framework-errors.js';
import { BODY_LIMIT_BYTES } from './http/http-error-problem.js';
import { requestIdFrom } from './http/request-id.js';
import { logRequests } from './http/request-log.js';
import { parseJsonStrictly } from './http/strict-json-parser.js';
import { serveOpenApi } from './openapi/openapi.document.js';
import { servePortal } from './portal/serve-portal.js';
import { useSecurity } from './security/use-security.js';

/**
 * The gateway application, ready to `listen`: used by `main.ts` and by in-process tests.
 * Only JSON bodies are parsed (anything else is a 415), up to 1 MiB (413 beyond).
 */
export interface GatewayAppOptions {
  logger?: LoggerService;
  /**
   * Serve the Swagger UI at /docs (default). In-process tests under jest turn it off: its static
   * file plugin loads an ES module through require(), which jest cannot do on Node 20.
   */
  docsUi?: boolean;
}

export async function createGatewayApp(
  config: GatewayConfig,
  { logger, docsUi = true }: GatewayAppOptions = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: (request: IncomingMessage) => requestIdFrom(request.headers['x-request-id']),
    // Fastify's own protections against prototype poisoning through JSON bodies.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // Errors raised before any route or hook runs, answered in problem+json like all others.
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    // The client address (rate limits, logs) comes from X-Forwarded-For only when a trusted proxy sent it.
    trustProxy: config.security.trustedProxies.length > 0 ? config.security.trustedProxies : false,
  });
  // No Nest body parsers: they would also accept urlencoded forms, which the API does not take.
  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.forRoot(config), adapter, {
    bodyParser: false,
    ...(logger ? { logger } : {}),
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeContentTypeParser('text/plain');
  parseJsonStrictly(fastify);
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  useHttpTracing(app);
  observeHttpRequests(app, logRequests());
  const issuer = config.portal.oidc?.issuer;
  await useSecurity(app, config.security, { portalConnectTo: issuer ? [new URL(issuer).origin] : [] });
  serveOpenApi(app, { ui: docsUi });
  servePortal(app, config.portal.dir);
  app.enableShutdownHooks();
  return app;
}
