import { RequestMethod } from '@nestjs/common';
import type { ReadinessCheck } from './readiness.js';

export interface OpsModuleOptions {
  /** Service name, reported by `/health/live`. */
  service: string;
  /**
   * What `/health/ready` waits for besides PostgreSQL, which is checked automatically whenever the
   * application has a TypeORM `DataSource` (e.g. from `PersistenceModule`).
   */
  readiness?: ReadinessCheck[];
  /** Longest a single readiness probe may take before it counts as down. Default 2000 ms. */
  probeTimeoutMs?: number;
  /**
   * Bearer token that opens `/metrics` and the detail of `/health/ready` (the service config's
   * `opsToken`, from `OPS_TOKEN`). Without one, `/metrics` answers 401 and readiness only its verdict.
   */
  opsToken?: string;
}

export const OPS_OPTIONS = Symbol('OPS_OPTIONS');

/**
 * Operations routes, to exclude from a global prefix so probes and scrapers find them at the
 * same place on every service: `app.setGlobalPrefix('v1', { exclude: OPS_ROUTES })`.
 */
export const OPS_ROUTES: { path: string; method: RequestMethod }[] = [
  { path: 'health/live', method: RequestMethod.GET },
  { path: 'health/ready', method: RequestMethod.GET },
  { path: 'metrics', method: RequestMethod.GET },
];
