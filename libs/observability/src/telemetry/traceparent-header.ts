import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { context, trace } from '@opentelemetry/api';
import { requestTraceContext } from './request-trace-context.js';
import { responseTraceparent } from './traceparent.js';

/** The parts of a Fastify request and reply the hooks touch (kept structural on purpose). */
export interface HeaderCarrierRequest {
  headers: Record<string, string | string[] | undefined>;
}
export interface HeaderSettingReply {
  header(name: string, value: string): unknown;
}
export interface RoutedRequest {
  method: string;
  routeOptions?: { url?: string };
}

/**
 * Fastify `onSend` hook giving every response a W3C `traceparent`, including 404s and errors
 * answered by exception filters (a Nest interceptor would miss those).
 */
export async function traceparentOnSend<Payload>(
  request: HeaderCarrierRequest,
  reply: HeaderSettingReply,
  payload: Payload,
): Promise<Payload> {
  const incoming = request.headers.traceparent;
  reply.header('traceparent', responseTraceparent(Array.isArray(incoming) ? incoming[0] : incoming));
  return payload;
}

/**
 * Fastify `onRequest` hook naming the HTTP server span after its route (`POST /v1/claims`,
 * `GET /v1/claims/:id`) instead of the bare method, with `http.route` set, so traces read like the API.
 */
export async function nameSpanAfterRoute(request: RoutedRequest): Promise<void> {
  const route = request.routeOptions?.url;
  const span = trace.getSpan(context.active());
  if (!route || !span) return;
  span.setAttribute('http.route', route);
  span.updateName(`${request.method} ${route}`);
}

/** Adds only `traceparentOnSend` to a Nest application on Fastify; `useHttpTracing` does this and more. */
export function useTraceparentHeader(app: NestFastifyApplication): void {
  app.getHttpAdapter().getInstance().addHook('onSend', traceparentOnSend);
}

/**
 * HTTP tracing for a Nest application on the Fastify adapter (call before `listen`): a trace context
 * for every request (a server span named after its route when spans are exported) and a
 * `traceparent` on every response (API.md).
 */
export function useHttpTracing(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', requestTraceContext);
  fastify.addHook('onRequest', nameSpanAfterRoute);
  fastify.addHook('onSend', traceparentOnSend);
}
