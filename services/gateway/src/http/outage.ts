import { databaseFailureKind, type DatabaseFailureKind } from '#libs/persistence';
import { busFailureOf, type BusFailure } from '../rpc/bus-failure.js';
import { ProblemException } from './problem.exception.js';

/**
 * An infrastructure failure the caller can do nothing about but wait: the gateway's database is
 * unavailable or lost a race, its NATS connection is down, no instance of the owning service is
 * listening, the service did not answer in time, or it answered that a dependency of its own is
 * unavailable (API.md: an outage of a dependency answers 503 with Retry-After, never 500).
 */
export type Outage =
  | 'database-unavailable'
  | 'database-conflict'
  | 'bus-unavailable'
  | 'no-service-listening'
  | 'service-timeout'
  | 'service-unavailable';

/**
 * What the caller is told: enough to know it is temporary, nothing of hosts, ports or drivers. A lost
 * race is worth retrying at once; the others are worth a short wait.
 */
const OUTAGES: Record<Outage, { detail: string; retryAfterSeconds: number }> = {
  'database-unavailable': { detail: 'the service is temporarily unavailable; retry shortly', retryAfterSeconds: 2 },
  'database-conflict': { detail: 'the request met a concurrent one; retry it', retryAfterSeconds: 1 },
  'bus-unavailable': { detail: 'the service cannot be reached; retry shortly', retryAfterSeconds: 2 },
  'no-service-listening': { detail: 'the service cannot be reached; retry shortly', retryAfterSeconds: 2 },
  'service-timeout': { detail: 'the service did not answer in time; retry shortly', retryAfterSeconds: 1 },
  'service-unavailable': { detail: 'the service is temporarily unavailable; retry shortly', retryAfterSeconds: 1 },
};

const DATABASE_OUTAGES: Record<DatabaseFailureKind, Outage> = {
  unavailable: 'database-unavailable',
  conflict: 'database-conflict',
};
const BUS_OUTAGES: Record<BusFailure, Outage> = {
  disconnected: 'bus-unavailable',
  'no-responders': 'no-service-listening',
  timeout: 'service-timeout',
};

/** The outage `error` reveals, or null when it is not one (a bug, a refusal). */
export function outageOf(error: unknown): Outage | null {
  const database = databaseFailureKind(error);
  if (database) return DATABASE_OUTAGES[database];
  const bus = busFailureOf(error);
  return bus ? BUS_OUTAGES[bus] : null;
}

/** The 503 `service-unavailable` problem with `Retry-After` for an outage; `detail` may be the service's own. */
export function outageProblem(outage: Outage, detail = OUTAGES[outage].detail): ProblemException {
  return ProblemException.of('service-unavailable', detail, { headers: retryAfter(outage) });
}

/** The detail a 503 gives when it names no outage of its own (e.g. readiness). */
export const TEMPORARILY_UNAVAILABLE = OUTAGES['service-unavailable'].detail;

export function retryAfter(outage: Outage): Record<string, string> {
  return { 'Retry-After': String(OUTAGES[outage].retryAfterSeconds) };
}
