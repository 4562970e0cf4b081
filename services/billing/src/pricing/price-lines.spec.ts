import fc from 'fast-check';
import { priceLines, type Benefits, type LineToPrice, type PricingInput } from './price-lines.js';

const plan = (overrides: Partial<Benefits> = {}): Benefits => ({
  deductible: 50000,
  coinsurancePct: 20,
  outOfNetworkCoinsurancePct: 40,
  copays: { office_visit: 2500 },
  oopMax: 300000,
  annualLimit: 0,
  ...overrides,
});

const aLine = (code: string, charge: number, overrides: Partial<LineToPrice> = {}): LineToPrice => ({
  code,
  category: 'imaging',
  units: 1,
  charge,
  coverage: { status: 'covered' },
  ...overrides,
});

const price = (overrides: Partial<PricingInput>) =>
  priceLines({
    benefits: plan(),
    network: 'in',
    fees: new Map([
      ['70551', 100000],
      ['99213', 12000],
      ['97110', 4000],
    ]),
    accumulators: { deductibleMet: 0, oopMet: 0, planPaid: 0 },
    lines: [],
    ...overrides,
  });

describe('priceLines', () => {
  it('takes what is left of a partly met deductible, then coinsurance on the rest', () => {
    const { lines, accumulators } = price({
      accumulators: { deductibleMet: 30000, oopMet: 30000, planPaid: 0 },
      lines: [aLine('70551', 150000)],
    });
    // allowed = min(150000, 100000) = 100000; deductible 20000; coinsurance 20% of 80000 = 16000
    expect(lines[0]).toMatchObject({ allowed: 100000, deductible: 20000, coinsurance: 16000, copay: 0 });
    expect(lines[0]).toMatchObject({ planPays: 64000, patientPays: 36000, providerWriteOff: 50000, balanceBill: 0 });
    expect(accumulators).toEqual({ deductibleMet: 50000, oopMet: 66000, planPaid: 64000 });
  });

  it('charges the copay of the category and skips deductible and coinsurance', () => {
    const { lines } = price({ lines: [aLine('99213', 15000, { category: 'office_visit' })] });
    expect(lines[0]).toMatchObject({ allowed: 12000, deductible: 0, copay: 2500, coinsurance: 0, planPays: 9500 });
  });

  it('caps the copay at the allowed amount', () => {
    const { lines } = price({ lines: [aLine('99213', 1000, { category: 'office_visit' })] });
    expect(lines[0]).toMatchObject({ allowed: 1000, copay: 1000, planPays: 0, patientPays: 1000 });
  });

  it('rounds coinsurance half up in integer arithmetic', () => {
    // 20% of 12345 = 2469.0; 20% of 12347 = 2469.4 → 2469; 20% of 12348 = 2469.6 → 2470; 2.5 → 3
    const priced = (charge: number, pct: number) =>
      price({
        benefits: plan({ deductible: 0, coinsurancePct: pct }),
        fees: new Map([['70551', 10_000_000]]),
        lines: [aLine('70551', charge)],
      }).lines[0].coinsurance;
    expect(priced(12347, 20)).toBe(2469);
    expect(priced(12348, 20)).toBe(2470);
    expect(priced(5, 50)).toBe(3);
    expect(priced(1, 50)).toBe(1);
    expect(priced(1, 49)).toBe(0);
  });

  it('takes the out-of-pocket cap reduction from coinsurance, then copay, then deductible', () => {
    const { lines, accumulators } = price({
      benefits: plan({ oopMax: 60000 }),
      accumulators: { deductibleMet: 0, oopMet: 45000, planPaid: 0 },
      lines: [aLine('70551', 100000)],
    });
    // before the cap: deductible 50000 + coinsurance 10000 = 60000; only 15000 left to the cap
    expect(lines[0]).toMatchObject({ deductible: 15000, coinsurance: 0, copay: 0, planPays: 85000 });
    expect(accumulators).toEqual({ deductibleMet: 15000, oopMet: 60000, planPaid: 85000 });
  });

  it('cuts the plan payment at the annual limit and moves the cut to the patient, outside the OOP', () => {
    const { lines, accumulators } = price({
      benefits: plan({ deductible: 0, annualLimit: 100000 }),
      accumulators: { deductibleMet: 0, oopMet: 0, planPaid: 90000 },
      lines: [aLine('70551', 100000)],
    });
    // planPays before the cut 80000, only 10000 left in the limit: cut 70000
    expect(lines[0]).toMatchObject({ coinsurance: 20000, planPays: 10000, patientPays: 90000 });
    expect(accumulators).toEqual({ deductibleMet: 0, oopMet: 20000, planPaid: 100000 });
  });

  it('bills the patient the difference out of network, with the out-of-network coinsurance', () => {
    const { lines } = price({
      network: 'out',
      benefits: plan({ deductible: 0 }),
      lines: [aLine('70551', 130000)],
    });
    expect(lines[0]).toMatchObject({ allowed: 100000, coinsurance: 40000, planPays: 60000 });
    expect(lines[0]).toMatchObject({ balanceBill: 30000, providerWriteOff: 0, patientPays: 70000 });
  });

  it('denies a line without a fee and lets no one bill the patient for it', () => {
    const { lines, accumulators } = price({ lines: [aLine('27447', 900000)] });
    expect(lines[0]).toMatchObject({ status: 'denied', reason: 'NO_FEE_SCHEDULE', planPays: 0, patientPays: 0 });
    expect(accumulators).toEqual({ deductibleMet: 0, oopMet: 0, planPaid: 0 });
  });

  it.each([
    ['NOT_COVERED', 5000],
    ['EXCLUDED', 5000],
    ['NOT_ELIGIBLE', 5000],
    ['NCCI_UNBUNDLED', 0],
    ['PREAUTH_REQUIRED', 0],
  ])('a line denied %s leaves the patient owing %i', (reason, owed) => {
    const { lines } = price({ lines: [aLine('70551', 5000, { coverage: { status: 'denied', reason } })] });
    expect(lines[0]).toMatchObject({ status: 'denied', reason, planPays: 0, patientPays: owed });
  });

  it('prices each line on the accumulators the previous line left', () => {
    const { lines, totals } = price({ lines: [aLine('70551', 40000), aLine('70551', 40000)] });
    expect(lines.map((line) => line.deductible)).toEqual([40000, 10000]);
    expect(totals).toEqual({ charge: 80000, allowed: 80000, planPays: 24000, patientPays: 56000 });
  });
});

describe('priceLines properties', () => {
  const money = fc.integer({ min: 0, max: 5_000_000 });
  const pct = fc.integer({ min: 0, max: 100 });
  const codes = ['70551', '99213', '97110', '27447'];
  const input = fc.record({
    benefits: fc.record({
      deductible: money,
      coinsurancePct: pct,
      outOfNetworkCoinsurancePct: pct,
      copays: fc.dictionary(fc.constantFrom('office_visit', 'therapy'), money),
      oopMax: money,
      annualLimit: money,
    }),
    network: fc.constantFrom<'in' | 'out'>('in', 'out'),
    fees: fc.array(fc.tuple(fc.constantFrom(...codes), money)).map((entries) => new Map(entries)),
    accumulatorsPct: fc.tuple(pct, pct, pct),
    lines: fc.array(
      fc.record({
        code: fc.constantFrom(...codes),
        category: fc.constantFrom('office_visit', 'therapy', 'imaging'),
        units: fc.integer({ min: 1, max: 10 }),
        charge: money,
        coverage: fc.constantFrom<LineToPrice['coverage']>(
          { status: 'covered' },
          { status: 'denied', reason: 'EXCLUDED' },
        ),
      }),
      { maxLength: 8 },
    ),
  });

  it('keeps every part non-negative, allowed = plan + member share, caps respected, totals = line sums', () => {
    fc.assert(
      fc.property(input, ({ accumulatorsPct: [d, o, p], ...rest }) => {
        const { benefits } = rest;
        const accumulators = {
          deductibleMet: Math.floor((benefits.deductible * d) / 100),
          oopMet: Math.floor((benefits.oopMax * o) / 100),
          planPaid: Math.floor((benefits.annualLimit * p) / 100),
        };
        const result = priceLines({ ...rest, accumulators });
        for (const line of result.lines) {
          for (const value of Object.values(line))
            if (typeof value === 'number') expect(value).toBeGreaterThanOrEqual(0);
          if (line.status === 'covered') {
            const memberShare = line.patientPays - line.balanceBill;
            expect(line.planPays + memberShare).toBe(line.allowed);
            expect(line.allowed).toBeLessThanOrEqual(line.charge);
          }
        }
        expect(result.accumulators.deductibleMet).toBeLessThanOrEqual(benefits.deductible);
        expect(result.accumulators.oopMet).toBeLessThanOrEqual(benefits.oopMax);
        if (benefits.annualLimit > 0) expect(result.accumulators.planPaid).toBeLessThanOrEqual(benefits.annualLimit);
        const sum = (key: 'charge' | 'allowed' | 'planPays' | 'patientPays') =>
          result.lines.reduce((total, line) => total + line[key], 0);
        expect(result.totals).toEqual({
          charge: sum('charge'),
          allowed: sum('allowed'),
          planPays: sum('planPays'),
          patientPays: sum('patientPays'),
        });
      }),
      { numRuns: 2000 },
    );
  });
});
