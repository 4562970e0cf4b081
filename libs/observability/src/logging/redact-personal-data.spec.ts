import { isPersonalField, REDACTED, redactPersonalData } from './redact-personal-data.js';

describe('redacting personal data from log fields', () => {
  it('censors names, birth and death dates, addresses, diagnoses, signatures and tokens at any depth', () => {
    const entry = {
      claim: {
        claimId: 'C-1',
        memberId: 'M-1',
        patient: { name: 'Jane Roe', birth_date: '1980-02-03', dateOfDeath: '2024-01-01', address: '1 Main St' },
        lines: [{ code: '99213', diagnosisCodes: ['E11.9'] }],
        signature: '0xabc',
      },
      headers: { Authorization: 'Bearer eyJ', 'x-request-id': 'r-1', cookie: 'sid=1' },
      token: 'eyJ',
    };
    expect(redactPersonalData(entry)).toEqual({
      claim: {
        claimId: 'C-1',
        memberId: 'M-1',
        patient: { name: REDACTED, birth_date: REDACTED, dateOfDeath: REDACTED, address: REDACTED },
        lines: [{ code: '99213', diagnosisCodes: REDACTED }],
        signature: REDACTED,
      },
      headers: { Authorization: REDACTED, 'x-request-id': 'r-1', cookie: REDACTED },
      token: REDACTED,
    });
  });

  it('keeps pseudonymous ids, amounts and statuses', () => {
    for (const field of ['memberId', 'claimId', 'providerId', 'insurerId', 'patientPays', 'status', 'correlationId']) {
      expect(isPersonalField(field)).toBe(false);
    }
  });

  it('leaves the logged object untouched', () => {
    const patient = { name: 'Jane Roe' };
    redactPersonalData({ patient });
    expect(patient.name).toBe('Jane Roe');
  });

  it('censors fields of class instances such as entities', () => {
    class Member {
      constructor(
        readonly memberId: string,
        readonly fullName: string,
      ) {}
    }
    expect(redactPersonalData({ member: new Member('M-1', 'Jane Roe') })).toEqual({
      member: { memberId: 'M-1', fullName: REDACTED },
    });
  });

  it('keeps errors for the error serializer and survives cycles', () => {
    const error = new Error('boom');
    const cyclic: Record<string, unknown> = { id: 'x' };
    cyclic.self = cyclic;
    const redacted = redactPersonalData({ err: error, cyclic });
    expect(redacted.err).toBe(error);
    expect(redacted.cyclic).toEqual({ id: 'x', self: '[circular]' });
  });
});
