import type { ClaimSubmitted } from '#libs/contracts';
import { coverageDecided } from './coverage-decision.js';

const claim: ClaimSubmitted = {
  claimId: '2f1d7c64-8b7e-4e8a-9a57-1f6c1cf0f9b1',
  memberId: 'M-1',
  providerId: 'P-1',
  insurerId: null,
  serviceDate: '2026-06-01',
  diagnosisCodes: [],
  lines: [
    { code: '99213', units: 1, charge: 15_000, modifiers: [] },
    { code: 'ZZ999', units: 1, charge: 100, modifiers: [] },
  ],
  records: [],
  estimateId: null,
  submittedAt: '2026-06-01T10:00:00.000Z',
};

describe('coverageDecided', () => {
  const procedures = new Map([['99213', { category: 'office_visit', mueUnitsPerDay: 1 }]]);

  it('gives each line its index, code, category and verdict, with the insurer, plan and currency', () => {
    const verdicts = [{ status: 'covered' as const }, { status: 'denied' as const, reason: 'UNKNOWN_CODE' as const }];
    expect(coverageDecided(claim, verdicts, procedures, { insurerId: 'INS-1', planId: 'PLAN-1', currency: 'USD' })).toEqual({
      claimId: claim.claimId,
      insurerId: 'INS-1',
      currency: 'USD',
      planId: 'PLAN-1',
      lines: [
        { index: 0, code: '99213', category: 'office_visit', status: 'covered', reason: null },
        { index: 1, code: 'ZZ999', category: null, status: 'denied', reason: 'UNKNOWN_CODE' },
      ],
    });
  });

  it('has no insurer, plan or currency for an unknown member', () => {
    const denied = { status: 'denied' as const, reason: 'NOT_ELIGIBLE' as const };
    expect(coverageDecided(claim, [denied, denied], procedures, null)).toMatchObject({
      insurerId: null,
      currency: null,
      planId: null,
    });
  });
});
