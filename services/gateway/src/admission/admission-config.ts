import { readInt } from '#libs/config';

/** Admission control of POST /v1/claims (docs/decisions/0016-admission-control.md). */
export interface AdmissionConfig {
  /**
   * Claims that may wait for review (received, a check still out) before new ones are refused with
   * 429; 0 turns admission control off. Choose about capacity × the decision latency you promise
   * (e.g. 100 claims/s × 1 s): what waits beyond that only waits longer.
   */
  maxReviewBacklog: number;
  /** How long one count of the backlog is used before the claims service is asked again. */
  refreshMs: number;
}

/** A bad value stops the gateway with a message naming the variable. */
export function readAdmissionConfig(env: NodeJS.ProcessEnv): AdmissionConfig {
  return {
    maxReviewBacklog: readInt(env, 'ADMISSION_MAX_REVIEW_BACKLOG', 100, 0, 1_000_000),
    refreshMs: readInt(env, 'ADMISSION_BACKLOG_REFRESH_MS', 250, 20, 10_000),
  };
}
