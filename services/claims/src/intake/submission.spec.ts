import type { Principal } from '#libs/contracts';
import { authorizeSubmission, insurerAtIntake, parseSubmission } from './submission.js';

const clinic: Principal = { sub: 'u-1', role: 'clinic', org: 'P-1' };
const insurer: Principal = { sub: 'u-2', role: 'insurer', org: 'INS-1' };

function aSubmission(overrides: Record<string, unknown> = {}) {
  return {
    memberId: 'M-1',
    providerId: 'P-1',
    serviceDate: '2026-11-02',
    diagnosisCodes: ['J06.9'],
    lines: [{ code: '99213', units: 1, charge: 15000 }],
    ...overrides,
  };
}

const fieldsOf = (payload: unknown) => {
  const result = parseSubmission(payload);
  return result.ok ? [] : (result.error.errors ?? []).map((error) => error.field);
};

describe('claim intake: business shape', () => {
  it('accepts a claim and fills the optional parts', () => {
    const result = parseSubmission(aSubmission());
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({
        records: [],
        estimateId: null,
        lines: [{ code: '99213', units: 1, charge: 15000, modifiers: [] }],
      }),
    });
  });

  it('names each field that is wrong', () => {
    const payload = aSubmission({
      serviceDate: '2026-02-30',
      lines: [{ code: '9921', units: 0, charge: 10.5, modifiers: ['591'] }],
      records: [{ recordId: 'R-1', sha256: 'XYZ' }],
    });
    expect(fieldsOf(payload)).toEqual(
      expect.arrayContaining([
        'serviceDate',
        'lines[0].code',
        'lines[0].units',
        'lines[0].charge',
        'lines[0].modifiers[0]',
        'records[0].sha256',
      ]),
    );
  });

  it('refuses a claim without lines and negative money', () => {
    expect(fieldsOf(aSubmission({ lines: [] }))).toEqual(['lines']);
    expect(fieldsOf(aSubmission({ lines: [{ code: '99213', units: 1, charge: -1 }] }))).toEqual(['lines[0].charge']);
  });
});

describe('claim intake: who may submit', () => {
  it('lets a clinic submit under its own provider id only', () => {
    expect(authorizeSubmission(clinic, { providerId: 'P-1' }, null)).toBeNull();
    expect(authorizeSubmission(clinic, { providerId: 'P-2' }, null)).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('lets an insurer submit for its own or a not yet known member, not for another insurer’s', () => {
    expect(authorizeSubmission(insurer, { providerId: 'P-9' }, null)).toBeNull();
    expect(authorizeSubmission(insurer, { providerId: 'P-9' }, 'INS-1')).toBeNull();
    expect(authorizeSubmission(insurer, { providerId: 'P-9' }, 'INS-2')).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses patients, analysts and admins', () => {
    for (const role of ['patient', 'analyst', 'admin'] as const) {
      expect(authorizeSubmission({ sub: 'x', role, org: 'P-1' }, { providerId: 'P-1' }, null)).toMatchObject({
        code: 'FORBIDDEN',
      });
    }
  });

  it('stamps the member’s insurer, else the submitting insurer', () => {
    expect(insurerAtIntake(clinic, 'INS-3')).toBe('INS-3');
    expect(insurerAtIntake(clinic, null)).toBeNull();
    expect(insurerAtIntake(insurer, null)).toBe('INS-1');
  });
});
