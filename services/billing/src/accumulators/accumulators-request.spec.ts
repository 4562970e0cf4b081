import { readAccumulatorsRequest } from './accumulators-request.js';

describe('who may read accumulators', () => {
  const request = { memberId: 'M-1', year: 2026 };

  it('lets insurers, clinics and the member themself ask', () => {
    for (const principal of [
      { sub: 'u', role: 'insurer', org: 'I-1' },
      { sub: 'u', role: 'clinic', org: 'P-1' },
      { sub: 'u', role: 'patient', patient: 'M-1' },
    ] as const) {
      expect(readAccumulatorsRequest(principal, request)).toEqual({ ok: true, value: request });
    }
  });

  it('refuses admins and analysts, and hides another member from a patient', () => {
    expect(readAccumulatorsRequest({ sub: 'u', role: 'admin' }, request)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(readAccumulatorsRequest({ sub: 'u', role: 'analyst', org: 'I-1' }, request)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(readAccumulatorsRequest({ sub: 'u', role: 'patient', patient: 'M-2' }, request)).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', detail: 'no such member' },
    });
  });

  it('names the bad fields of a malformed request', () => {
    const clinic = { sub: 'u', role: 'clinic', org: 'P-1' } as const;
    const answer = readAccumulatorsRequest(clinic, { memberId: 'M 1', year: 2026.5 });
    expect(answer).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(answer.ok ? [] : answer.error.errors?.map((error) => error.field)).toEqual(['memberId', 'year']);
    expect(readAccumulatorsRequest(clinic, undefined)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
