import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { Counter, Histogram, register } from 'prom-client';

/** One answered HTTP request, as counted and as a request log line may show it. */
export interface HttpObservation {
  method: string;
  /** The route template (`/v1/claims/:id`), `unmatched` when no route took the request (a 404). */
  route: string;
  status: number;
  durationMs: number;
  requestId: string;
}

/** A route label for requests no route took: raw URLs would make the label set unbounded. */
export const UNMATCHED_ROUTE = 'unmatched';

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const LABELS = ['method', 'route', 'status'] as const;
type HttpLabel = (typeof LABELS)[number];

/** Seconds, from a cached read (a few ms) to an RPC that times out (the gateway's default 5 s and more). */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Looked up first: a registry refuses a second metric of one name (several apps in one test process). */
function requestsTotal(): Counter<HttpLabel> {
  const existing = register.getSingleMetric('http_server_requests_total');
  if (existing) return existing as Counter<HttpLabel>;
  return new Counter({
    name: 'http_server_requests_total',
    help: 'HTTP requests answered, by method, route template and status code',
    labelNames: LABELS,
  });
}

function requestDuration(): Histogram<HttpLabel> {
  const existing = register.getSingleMetric('http_server_request_duration_seconds');
  if (existing) return existing as Histogram<HttpLabel>;
  return new Histogram({
    name: 'http_server_request_duration_seconds',
    help: 'Time from receiving an HTTP request to sending its response, by method, route template and status code',
    labelNames: LABELS,
    buckets: DURATION_BUCKETS,
  });
}

/** What a request is counted as: the labels stay bounded whatever the caller sends. */
export function observationOf(request: FastifyRequest, status: number, durationMs: number): HttpObservation {
  return {
    method: KNOWN_METHODS.has(request.method) ? request.method : 'OTHER',
    route: request.routeOptions.url ?? UNMATCHED_ROUTE,
    status,
    durationMs,
    requestId: String(request.id),
  };
}

/**
 * Counts every answered request of a Nest application on Fastify (call before `listen`) in
 * `http_server_requests_total` and `http_server_request_duration_seconds`, labelled by route template,
 * never by raw URL (ids in paths would make the series unbounded, and they are personal-data adjacent).
 * One `onResponse` hook: `afterEach`, if given, sees the same observation (e.g. to write a request log line).
 */
export function observeHttpRequests(
  app: NestFastifyApplication,
  afterEach?: (observation: HttpObservation, request: FastifyRequest) => void,
): void {
  const total = requestsTotal();
  const duration = requestDuration();
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onResponse', async (request, reply) => {
      const observation = observationOf(request, reply.statusCode, reply.elapsedTime);
      const labels = { method: observation.method, route: observation.route, status: String(observation.status) };
      total.inc(labels);
      duration.observe(labels, observation.durationMs / 1000);
      afterEach?.(observation, request);
    });
}
