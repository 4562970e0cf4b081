import type { ClaimLineFacts, CoverageFacts, NcciPair, Policy } from './coverage-facts.js';
import { decideCoverage } from './decide-coverage.js';

const procedures = new Map([
  ['99213', { category: 'office_visit', mueUnitsPerDay: 1 }],
  ['93000', { category: 'diagnostic', mueUnitsPerDay: 3 }],
  ['93010', { category: 'diagnostic', mueUnitsPerDay: 3 }],
  ['97530', { category: 'therapy', mueUnitsPerDay: 6 }],
  ['97140', { category: 'therapy', mueUnitsPerDay: 4 }],
  ['70551', { category: 'imaging', mueUnitsPerDay: 1 }],
  ['27447', { category: 'surgery', mueUnitsPerDay: 1 }],
  ['90834', { category: 'mental_health', mueUnitsPerDay: 1 }],
]);

const pairs: NcciPair[] = [
  { column1: '93000', column2: '93010', effectiveDate: '2024-01-01', deletionDate: null, modifierIndicator: 0 },
  { column1: '97530', column2: '97140', effectiveDate: '2024-01-01', deletionDate: null, modifierIndicator: 1 },
];

const aPolicy = (overrides: Partial<Policy> = {}): Policy => ({
  status: 'active',
  coverageStart: '2026-01-01',
  coverageEnd: null,
  plan: {
    coveredCategories: ['office_visit', 'diagnostic', 'therapy', 'imaging', 'surgery'],
    coveredCodes: [],
    excludedCodes: [],
    preauthCodes: [],
    waitingPeriodDays: 0,
  },
  ...overrides,
});

const line = (code: string, units = 1, modifiers: string[] = []): ClaimLineFacts => ({ code, units, modifiers });

const decide = (overrides: Partial<CoverageFacts>) =>
  decideCoverage({
    memberId: 'M-1',
    providerId: 'P-1',
    serviceDate: '2026-06-01',
    policy: aPolicy(),
    procedures,
    ncciPairs: pairs,
    earlierLines: [],
    preauthorization: null,
    lines: [line('99213')],
    ...overrides,
  }).map((verdict) => (verdict.status === 'covered' ? 'covered' : verdict.reason));

describe('decideCoverage', () => {
  it('covers a covered code for an active member', () => {
    expect(decide({})).toEqual(['covered']);
  });

  it.each([
    ['an unknown member', { policy: null }],
    ['a cancelled policy', { policy: aPolicy({ status: 'cancelled' }) }],
    ['a service before coverage starts', { policy: aPolicy({ coverageStart: '2026-07-01' }) }],
    ['a service after coverage ends', { policy: aPolicy({ coverageEnd: '2026-05-31' }) }],
  ])('denies every line NOT_ELIGIBLE for %s', (_, overrides) => {
    expect(decide({ ...overrides, lines: [line('99213'), line('70551')] })).toEqual(['NOT_ELIGIBLE', 'NOT_ELIGIBLE']);
  });

  it('covers the last day of coverage and denies within the waiting period', () => {
    expect(decide({ policy: aPolicy({ coverageEnd: '2026-06-01' }) })).toEqual(['covered']);
    const waiting = aPolicy({ coverageStart: '2026-05-01', plan: { ...aPolicy().plan, waitingPeriodDays: 32 } });
    // 2026-05-01 + 32 days = 2026-06-02, the first day of cover
    expect(decide({ policy: waiting })).toEqual(['WAITING_PERIOD']);
    expect(decide({ policy: waiting, serviceDate: '2026-06-02' })).toEqual(['covered']);
  });

  it('puts eligibility before an unknown code, and an unknown code before exclusion', () => {
    expect(decide({ policy: null, lines: [line('ZZ999')] })).toEqual(['NOT_ELIGIBLE']);
    const plan = { ...aPolicy().plan, excludedCodes: ['ZZ999', '70551'] };
    expect(decide({ policy: aPolicy({ plan }), lines: [line('ZZ999'), line('70551')] })).toEqual([
      'UNKNOWN_CODE',
      'EXCLUDED',
    ]);
  });

  it('denies NOT_COVERED when neither the code nor its category is covered, and covers a listed code', () => {
    const plan = { ...aPolicy().plan, coveredCodes: ['90834'] };
    expect(decide({ policy: aPolicy({ plan }), lines: [line('90834'), line('99213', 1)] })).toEqual(['covered', 'covered']);
    expect(decide({ lines: [line('90834')] })).toEqual(['NOT_COVERED']);
  });

  describe('pre-authorisation', () => {
    const plan = { ...aPolicy().plan, preauthCodes: ['27447'] };
    const auth = { memberId: 'M-1', providerId: 'P-1', approvedCodes: ['27447'], validFrom: '2026-05-20', validUntil: '2026-06-19' };
    const withAuth = (preauthorization: CoverageFacts['preauthorization']) =>
      decide({ policy: aPolicy({ plan }), preauthorization, lines: [line('27447')] });

    it('requires an approved pre-authorisation for a preauth code', () => {
      expect(withAuth(null)).toEqual(['PREAUTH_REQUIRED']);
      expect(withAuth(auth)).toEqual(['covered']);
    });

    it.each([
      ['another member', { memberId: 'M-2' }],
      ['another provider', { providerId: 'P-2' }],
      ['another code', { approvedCodes: ['70551'] }],
      ['an expired estimate', { validUntil: '2026-05-31' }],
      ['an estimate made after the service', { validFrom: '2026-06-02' }],
    ])('does not accept one for %s', (_, overrides) => {
      expect(withAuth({ ...auth, ...overrides })).toEqual(['PREAUTH_REQUIRED']);
    });
  });

  describe('NCCI procedure-to-procedure edits', () => {
    it('denies the column-2 code billed with its column-1 code in the same claim', () => {
      expect(decide({ lines: [line('93010'), line('93000')] })).toEqual(['NCCI_UNBUNDLED', 'covered']);
    });

    it('denies the column-2 code when the column-1 code was on an earlier claim of the same day', () => {
      expect(decide({ earlierLines: [line('93000')], lines: [line('93010')] })).toEqual(['NCCI_UNBUNDLED']);
    });

    it('lets a modifier bypass an indicator-1 pair only', () => {
      expect(decide({ lines: [line('97530'), line('97140', 1, ['59'])] })).toEqual(['covered', 'covered']);
      expect(decide({ lines: [line('97530'), line('97140', 1, ['XU'])] })).toEqual(['covered', 'covered']);
      expect(decide({ lines: [line('97530'), line('97140', 1, ['25'])] })).toEqual(['covered', 'NCCI_UNBUNDLED']);
      expect(decide({ lines: [line('93000'), line('93010', 1, ['59'])] })).toEqual(['covered', 'NCCI_UNBUNDLED']);
    });

    it('counts only pairs in force on the service date', () => {
      const future = [{ ...pairs[0], effectiveDate: '2026-07-01' }];
      const deleted = [{ ...pairs[0], deletionDate: '2026-06-01' }];
      expect(decide({ ncciPairs: future, lines: [line('93000'), line('93010')] })).toEqual(['covered', 'covered']);
      expect(decide({ ncciPairs: deleted, lines: [line('93000'), line('93010')] })).toEqual(['covered', 'covered']);
    });

    it('ignores a column-1 line that was itself denied before the edits', () => {
      const plan = { ...aPolicy().plan, excludedCodes: ['93000'] };
      expect(decide({ policy: aPolicy({ plan }), lines: [line('93000'), line('93010')] })).toEqual(['EXCLUDED', 'covered']);
    });
  });

  describe('MUE', () => {
    it('sums units across lines of the claim and earlier claims of the day', () => {
      expect(decide({ lines: [line('97140', 3), line('97140', 2)] })).toEqual(['covered', 'MUE_EXCEEDED']);
      expect(decide({ earlierLines: [line('97140', 4)], lines: [line('97140', 1)] })).toEqual(['MUE_EXCEEDED']);
      expect(decide({ earlierLines: [line('97140', 3)], lines: [line('97140', 1)] })).toEqual(['covered']);
    });

    it('puts NCCI before MUE', () => {
      expect(decide({ lines: [line('93000'), line('93010', 9)] })).toEqual(['covered', 'NCCI_UNBUNDLED']);
    });
  });
});
