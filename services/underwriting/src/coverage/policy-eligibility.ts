import type { Policy } from './coverage-facts.js';

export type EligibilityReason = 'NOT_ELIGIBLE' | 'WAITING_PERIOD';

/**
 * Reasons 1 and 2 of DOMAIN.md's coverage decision, the part that depends on the policy alone: one
 * rule for the claim decision and for the eligibility answer, so the two never disagree.
 */
export function policyReason(policy: Policy | null, date: string): EligibilityReason | null {
  if (!policy || policy.status !== 'active') return 'NOT_ELIGIBLE';
  if (date < policy.coverageStart) return 'NOT_ELIGIBLE';
  if (policy.coverageEnd !== null && date > policy.coverageEnd) return 'NOT_ELIGIBLE';
  if (date < addDays(policy.coverageStart, policy.plan.waitingPeriodDays)) return 'WAITING_PERIOD';
  return null;
}

/** YYYY-MM-DD plus whole days, in UTC so no time zone moves the day. */
export function addDays(date: string, days: number): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + days);
  return next.toISOString().slice(0, 10);
}
