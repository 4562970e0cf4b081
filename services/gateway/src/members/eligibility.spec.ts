import type { EligibilityView, PlanView } from '#libs/contracts';
import { eligibilityAnswer, planYearOf, todayUtc } from './eligibility.js';

const plan = { id: 'PLAN-1', insurerId: 'I-1', currency: 'USD' } as PlanView;

describe('the eligibility answer', () => {
  it('takes the plan year from the calendar year of the date, and today in UTC by default', () => {
    expect(planYearOf('2026-12-31')).toBe(2026);
    expect(planYearOf('2027-01-01')).toBe(2027);
    expect(todayUtc(new Date('2026-12-31T23:30:00-05:00'))).toBe('2027-01-01');
  });

  it('puts billing’s accumulators beside underwriting’s verdict and plan, and nothing else of theirs', () => {
    const view: EligibilityView = {
      memberId: 'M-1',
      insurerId: 'I-1',
      date: '2026-03-14',
      eligible: false,
      reasons: ['WAITING_PERIOD'],
      plan,
    };
    const accumulators = { year: 2026, deductibleMet: 100, oopMet: 200, planPaid: 300, extra: 'x' };
    expect(eligibilityAnswer(view, accumulators)).toEqual({
      memberId: 'M-1',
      date: '2026-03-14',
      eligible: false,
      reasons: ['WAITING_PERIOD'],
      plan,
      accumulators: { year: 2026, deductibleMet: 100, oopMet: 200, planPaid: 300 },
    });
  });
});
