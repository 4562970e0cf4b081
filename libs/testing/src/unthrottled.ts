/**
 * Gateway environment for stacks that generate load from one address (API tests, benchmarks,
 * chaos): the rate limiter still counts every request, at its real cost, but never refuses one;
 * admission control is off, so claims piling up while a fault test holds a service down are all
 * taken (a bench turns it on with --max-backlog). The limits themselves are tested in
 * services/gateway/test/rate-limits.spec.ts, admission in test/api/admission-control.spec.ts.
 */
export const UNTHROTTLED: Readonly<Record<string, string>> = {
  RATE_LIMIT_PER_PRINCIPAL: '1000000',
  RATE_LIMIT_PER_IP: '1000000',
  ADMISSION_MAX_REVIEW_BACKLOG: '0',
};
