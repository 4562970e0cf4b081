import type { CreatePlanPayload } from '#libs/contracts';
import { currencyMinorDigits } from '#libs/contracts';
import { aPlanRequest } from '#libs/testing';
import { parsePlan, planReferenceErrors } from './plan-input.js';

/** A plan whose codes and categories are all in `known` below. */
const aPlan = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...aPlanRequest({
    id: 'PLAN-1',
    coveredCategories: ['office_visit', 'lab'],
    coveredCodes: ['90834'],
    excludedCodes: [],
    preauthCodes: ['27447'],
  }),
  ...overrides,
});

const fieldsOf = (payload: unknown) => {
  const parsed = parsePlan(payload);
  return parsed.ok ? [] : parsed.errors.map((error) => error.field);
};

describe('parsePlan', () => {
  it('accepts a plan as API.md gives it', () => {
    expect(parsePlan(aPlan())).toEqual({ ok: true, value: aPlan() });
  });

  it.each([
    ['coinsurancePct', { coinsurancePct: 101 }],
    ['coinsurancePct', { coinsurancePct: -1 }],
    ['outOfNetworkCoinsurancePct', { outOfNetworkCoinsurancePct: 12.5 }],
    ['deductible', { deductible: -1 }],
    ['oopMax', { oopMax: 10.5 }],
    ['annualLimit', { annualLimit: Number.MAX_SAFE_INTEGER + 2 }],
    ['copays.office_visit', { copays: { office_visit: -5 } }],
    ['currency', { currency: 'usd' }],
    ['currency', { currency: 'USDT' }],
    ['coveredCodes[1]', { coveredCodes: ['90834', '9083'] }],
    ['waitingPeriodDays', { waitingPeriodDays: -3 }],
    ['id', { id: '' }],
    ['name', { name: '  ' }],
  ])('names %s when it is out of range or malformed', (field, overrides) => {
    expect(fieldsOf(aPlan(overrides))).toEqual([field]);
  });

  it('names every missing field', () => {
    expect(fieldsOf({ id: 'PLAN-1' })).toEqual(
      expect.arrayContaining(['name', 'currency', 'copays', 'waitingPeriodDays']),
    );
  });
});

describe('planReferenceErrors', () => {
  const known = { codes: new Set(['90834', '27447', '99213']), categories: new Set(['office_visit', 'lab']) };
  const plan = (overrides: Partial<CreatePlanPayload>) => ({
    ...(aPlan() as unknown as CreatePlanPayload),
    ...overrides,
  });

  it('accepts codes and categories of the procedure table', () => {
    expect(planReferenceErrors(plan({}), known)).toEqual([]);
  });

  it('names each unknown code and category by its place in the plan', () => {
    const errors = planReferenceErrors(
      plan({
        copays: { surgery: 1 },
        coveredCategories: ['lab', 'dental'],
        coveredCodes: ['90834', 'ZZ999'],
        excludedCodes: ['ZZ998'],
        preauthCodes: ['ZZ997'],
      }),
      known,
    );
    expect(errors.map((error) => error.field)).toEqual([
      'copays.surgery',
      'coveredCategories[1]',
      'coveredCodes[1]',
      'excludedCodes[0]',
      'preauthCodes[0]',
    ]);
    expect(errors[2].message).toBe('ZZ999 is not a known procedure code');
  });
});

describe('currencyMinorDigits', () => {
  it('knows the currencies without cents and with mills, and defaults to 2', () => {
    expect([currencyMinorDigits('JPY'), currencyMinorDigits('KWD'), currencyMinorDigits('EUR')]).toEqual([0, 3, 2]);
  });
});
