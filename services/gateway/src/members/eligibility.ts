import type { AccumulatorsView, EligibilityView, PlanView } from '#libs/contracts';

/** The answer of `GET /v1/members/{id}/eligibility` (API.md, Set-up). */
export interface EligibilityAnswer {
  memberId: string;
  date: string;
  eligible: boolean;
  reasons: string[];
  plan: PlanView;
  accumulators: AccumulatorsView;
}

/** Today in UTC, YYYY-MM-DD: the day asked about when the caller names none. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** DOMAIN.md: the plan year is the calendar year of the date. */
export function planYearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** Underwriting's verdict and plan, with billing's accumulators for the plan year of the date. */
export function eligibilityAnswer(view: EligibilityView, accumulators: AccumulatorsView): EligibilityAnswer {
  return {
    memberId: view.memberId,
    date: view.date,
    eligible: view.eligible,
    reasons: view.reasons,
    plan: view.plan,
    accumulators: {
      year: accumulators.year,
      deductibleMet: accumulators.deductibleMet,
      oopMet: accumulators.oopMet,
      planPaid: accumulators.planPaid,
    },
  };
}
