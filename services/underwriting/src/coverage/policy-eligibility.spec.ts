import type { Policy } from './coverage-facts.js';
import { addDays, policyReason } from './policy-eligibility.js';

const policy = (overrides: Partial<Policy> = {}): Policy => ({
  status: 'active',
  coverageStart: '2026-01-01',
  coverageEnd: '2026-12-31',
  plan: { coveredCategories: [], coveredCodes: [], excludedCodes: [], preauthCodes: [], waitingPeriodDays: 30 },
  ...overrides,
});

describe('policyReason', () => {
  it.each([
    ['no policy', null, '2026-06-01', 'NOT_ELIGIBLE'],
    ['a cancelled policy', policy({ status: 'cancelled' }), '2026-06-01', 'NOT_ELIGIBLE'],
    ['the day before coverage starts', policy(), '2025-12-31', 'NOT_ELIGIBLE'],
    ['the day after coverage ends', policy(), '2027-01-01', 'NOT_ELIGIBLE'],
    ['the last day of the waiting period', policy(), '2026-01-30', 'WAITING_PERIOD'],
    ['the first day after the waiting period', policy(), '2026-01-31', null],
    ['the last day of coverage', policy(), '2026-12-31', null],
  ])('answers %s', (_, given, date, reason) => {
    expect(policyReason(given, date)).toBe(reason);
  });

  it('puts eligibility before the waiting period', () => {
    expect(policyReason(policy({ status: 'cancelled' }), '2026-01-02')).toBe('NOT_ELIGIBLE');
  });
});

describe('addDays', () => {
  it('crosses months and leap days in UTC', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
