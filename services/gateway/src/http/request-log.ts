import { Logger } from '@nestjs/common';
import type { AuthenticatedRequest } from '#libs/auth';
import { OPS_ROUTES, type HttpObservation } from '#libs/observability';

/** Probes and scrapes come every few seconds and are counted in the metrics; they get no log line. */
const UNLOGGED_ROUTES = new Set(OPS_ROUTES.map(({ path }) => `/${path}`));

/** The fields of one request log line: what an operator needs, nothing of what was asked or answered. */
export interface RequestLogLine {
  msg: 'request';
  method: string;
  route: string;
  status: number;
  duration_ms: number;
  request_id: string;
  /** The caller's role once its token was verified, else null (refused before, or a public route). */
  role: string | null;
}

/**
 * The request log line: route template, never the URL (ids, query values); the principal's role, never
 * its subject or token; no body either way.
 */
export function requestLogLine(observation: HttpObservation, request: AuthenticatedRequest): RequestLogLine {
  return {
    msg: 'request',
    method: observation.method,
    route: observation.route,
    status: observation.status,
    duration_ms: Math.round(observation.durationMs * 10) / 10,
    request_id: observation.requestId,
    role: request.principal?.role ?? null,
  };
}

/** Writes one line per API call through the application's logger (JSON lines in production). */
export function logRequests(): (observation: HttpObservation, request: AuthenticatedRequest) => void {
  const logger = new Logger('Request');
  return (observation, request) => {
    if (UNLOGGED_ROUTES.has(observation.route)) return;
    logger.log(requestLogLine(observation, request));
  };
}
