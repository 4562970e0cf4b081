import type { Machine } from '../../bench/lib/machine.js';
import type { FaultRecord } from '../faults/fault-runner.js';
import type { ServiceExit } from '../platform/service-control.js';
import type { CheckResult } from '../verify/check.js';
import type { HttpObservations } from '../verify/observations.js';

/** Everything a campaign found, as printed and as written to the JSON report. */
export interface CampaignResult {
  startedAt: string;
  machine: Machine;
  options: {
    profile: string;
    claims: number;
    faults: number;
    durationMs: number;
    rate: number;
    seed: string;
    catchUpService?: string;
  };
  setupMs: number;
  load: {
    elapsedMs: number;
    /** The most a claim left after its slot because too many were still being retried. */
    maxLagMs: number;
    /** Attempts per claim until accepted (or given up): p50, p95, max. */
    attempts: { p50: number; p95: number; max: number };
  };
  faults: FaultRecord[];
  serviceExits: Record<string, ServiceExit[]>;
  http: HttpObservations;
  /** Every accepted key sent once more after the run: its answer must replay the same claim id. */
  replayProbe: { keys: number; sameId: number; statuses: Record<string, number> };
  settle: { settled: boolean; waitedMs: number; reason?: string };
  /** Claims per status, from the API. */
  claimStatuses: Record<string, number>;
  chain: { escrowBefore: string; escrowAfter: string; settledTotal: string; settlements: number };
  deadLetters: number;
  checks: CheckResult[];
  passed: boolean;
  /** Where each part listened, to read the logs and the errors in dead letters (e.g. ECONNREFUSED …:port). */
  ports: Record<string, number>;
  logDir: string;
  /** Where the data directories were kept (--keep): PostgreSQL's (with its server.log) and NATS's store. */
  keptDataDirs?: string[];
}
