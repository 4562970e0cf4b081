import { aPlanRequest } from '#libs/testing';

/** Valid set-up bodies (API.md, Set-up), with overrides for the case at hand. */
export function anInsurerBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: 'I-1', name: 'Acme Health', address: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', ...overrides };
}

export function aPlanBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...aPlanRequest({ id: 'PLAN-1', coveredCategories: ['office_visit', 'lab'] }), ...overrides };
}

export function aMemberBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'M-1',
    name: 'Ada Lovelace',
    birthDate: '1985-12-10',
    planId: 'PLAN-1',
    coverageStart: '2026-01-01',
    coverageEnd: '2026-12-31',
    address: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
    ...overrides,
  };
}

export function aQuoteBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    planId: 'PLAN-1',
    applicant: { birthDate: '1980-05-17', smoker: false, chronicConditions: ['asthma'] },
    ...overrides,
  };
}
