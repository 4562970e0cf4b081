import { z } from 'zod';
import { entityId } from '#libs/contracts';
import { fieldPath, parseWith } from './request-parsing.js';
import { clinicOf, conflict, forbidden, insurerOf, invalid, invalidField, notFound, patientOf } from './refusals.js';

describe('fieldPath', () => {
  it('names fields the way the gateway does', () => {
    expect(fieldPath(['lines', 0, 'code'])).toBe('lines[0].code');
    expect(fieldPath(['coveredCodes', 1])).toBe('coveredCodes[1]');
    expect(fieldPath(['applicant', 'birthDate'])).toBe('applicant.birthDate');
    expect(fieldPath(['copays', 'lab'])).toBe('copays.lab');
    expect(fieldPath([])).toBe('body');
  });
});

describe('parseWith', () => {
  const schema = z.object({
    memberId: entityId,
    status: z.enum(['in', 'out']),
    lines: z.array(z.object({ code: z.string().regex(/^[A-Z0-9]{5}$/, 'must be 5 letters or digits') })).min(1),
  });

  it('answers the parsed value', () => {
    const input = { memberId: 'M-1', status: 'in', lines: [{ code: '99213' }] };
    expect(parseWith(schema, input)).toEqual({ ok: true, value: input });
  });

  it('names each wrong field once, with the first check it failed', () => {
    const result = parseWith(schema, { memberId: '-x', status: 'maybe', lines: [{ code: '9921' }] });
    expect(result).toEqual({
      ok: false,
      errors: [
        { field: 'memberId', message: 'must be 1 to 64 letters, digits, ".", "_", ":" or "-"' },
        { field: 'status', message: expect.stringContaining('expected one of') },
        { field: 'lines[0].code', message: 'must be 5 letters or digits' },
      ],
    });
  });

  it('says a missing field is required, not that its format is wrong', () => {
    expect(parseWith(schema, { lines: [{}] })).toEqual({
      ok: false,
      errors: [
        { field: 'memberId', message: 'is required' },
        { field: 'status', message: 'is required' },
        { field: 'lines[0].code', message: 'is required' },
      ],
    });
  });

  it('reads an absent payload as an empty one, naming its missing fields', () => {
    const result = parseWith(z.object({ id: entityId }), undefined);
    expect(result).toEqual({ ok: false, errors: [{ field: 'id', message: 'is required' }] });
  });

  it('calls a null field wrong, not missing', () => {
    const result = parseWith(z.object({ id: entityId }), { id: null });
    expect(result).toEqual({ ok: false, errors: [{ field: 'id', message: expect.not.stringMatching(/required/) }] });
  });

  it('names the whole request "body" when it is not an object', () => {
    expect(parseWith(z.object({ id: entityId }), 'text')).toEqual({
      ok: false,
      errors: [{ field: 'body', message: expect.any(String) }],
    });
  });
});

describe('refusals', () => {
  const clinic = { sub: 'u-1', role: 'clinic', org: 'P-1' } as const;

  it('answers VALIDATION, FORBIDDEN, NOT_FOUND and CONFLICT in one wording', () => {
    expect(invalid('the plan is not valid', [{ field: 'id', message: 'is required' }])).toEqual({
      ok: false,
      error: { code: 'VALIDATION', detail: 'the plan is not valid', errors: [{ field: 'id', message: 'is required' }] },
    });
    expect(invalidField('expiresAt', 'must be in the future')).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        detail: 'expiresAt must be in the future',
        errors: [{ field: 'expiresAt', message: 'must be in the future' }],
      },
    });
    expect(forbidden(clinic, 'create plans')).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', detail: 'role clinic may not create plans' },
    });
    expect(notFound('member')).toEqual({ ok: false, error: { code: 'NOT_FOUND', detail: 'no such member' } });
    expect(conflict('the flag is closed')).toEqual({
      ok: false,
      error: { code: 'CONFLICT', detail: 'the flag is closed' },
    });
    expect(conflict('plan P-1 exists', [{ field: 'id', message: 'is taken' }])).toEqual({
      ok: false,
      error: { code: 'CONFLICT', detail: 'plan P-1 exists', errors: [{ field: 'id', message: 'is taken' }] },
    });
  });

  it('knows the insurer an insurer caller acts for, and no one else’s', () => {
    expect(insurerOf({ sub: 'u', role: 'insurer', org: 'INS-1' })).toBe('INS-1');
    expect(insurerOf({ sub: 'u', role: 'insurer' })).toBeNull();
    expect(insurerOf(clinic)).toBeNull();
  });

  it('knows the clinic a clinic caller acts for and the member a patient caller is, and no one else', () => {
    expect(clinicOf(clinic)).toBe('P-1');
    expect(clinicOf({ sub: 'u', role: 'clinic' })).toBeNull();
    expect(clinicOf({ sub: 'u', role: 'insurer', org: 'P-1' })).toBeNull();
    expect(patientOf({ sub: 'u', role: 'patient', patient: 'M-1' })).toBe('M-1');
    expect(patientOf({ sub: 'u', role: 'patient' })).toBeNull();
    expect(patientOf({ sub: 'u', role: 'clinic', org: 'P-1', patient: 'M-1' })).toBeNull();
  });
});
