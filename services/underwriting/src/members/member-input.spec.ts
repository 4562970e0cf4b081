import { periodsOverlap } from './coverage-period.js';
import { applyMemberChange, parseMemberChange, parseNewMember } from './member-input.js';

const TODAY = '2026-06-01';
const ADDRESS = `0x${'ab'.repeat(20)}`;

const aMember = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 'M-1',
  name: 'Ada Lovelace',
  birthDate: '1990-12-10',
  planId: 'PLAN-1',
  coverageStart: '2026-01-01',
  coverageEnd: '2026-12-31',
  address: ADDRESS,
  ...overrides,
});

const fieldsOf = (payload: unknown) => {
  const parsed = parseNewMember(payload, TODAY);
  return parsed.ok ? [] : parsed.errors.map((error) => error.field);
};

describe('parseNewMember', () => {
  it('accepts an enrolment, an open-ended one too, without a date of death', () => {
    expect(parseNewMember(aMember(), TODAY)).toEqual({ ok: true, value: { ...aMember(), dateOfDeath: null } });
    const open = parseNewMember(aMember({ coverageEnd: null }), TODAY);
    expect(open.ok && open.value.coverageEnd).toBeNull();
  });

  it.each([
    ['coverageEnd', { coverageEnd: '2025-12-31' }],
    ['birthDate', { birthDate: '2026-06-02' }],
    ['birthDate', { birthDate: '1990-02-30' }],
    ['dateOfDeath', { dateOfDeath: '1989-01-01' }],
    ['dateOfDeath', { dateOfDeath: '2026-07-01' }],
    ['address', { address: '0x1234' }],
    ['planId', { planId: '' }],
    ['coverageStart', { coverageStart: '2026-13-01' }],
  ])('names %s when it cannot be true', (field, overrides) => {
    expect(fieldsOf(aMember(overrides))).toEqual([field]);
  });
});

describe('parseMemberChange', () => {
  it('needs at least one of coverageEnd, dateOfDeath, status', () => {
    expect(parseMemberChange({ id: 'M-1' })).toEqual({
      ok: false,
      errors: [{ field: 'body', message: 'give at least one of coverageEnd, dateOfDeath, status' }],
    });
    expect(parseMemberChange({ id: 'M-1', status: 'cancelled' }).ok).toBe(true);
    expect(parseMemberChange({ id: 'M-1', status: 'paused' })).toMatchObject({
      ok: false,
      errors: [{ field: 'status' }],
    });
  });
});

describe('applyMemberChange', () => {
  const stored = {
    birthDate: '1990-12-10',
    coverageStart: '2026-01-01',
    coverageEnd: null,
    dateOfDeath: null,
    status: 'active' as const,
  };

  it('applies only the fields given and tells whether anything changed', () => {
    expect(applyMemberChange(stored, { status: 'cancelled' }, TODAY)).toEqual({
      ok: true,
      member: { ...stored, status: 'cancelled' },
      changed: true,
    });
    expect(applyMemberChange(stored, { status: 'active', coverageEnd: null }, TODAY)).toMatchObject({ changed: false });
  });

  it('refuses a coverage end before the start and a death before birth or in the future', () => {
    expect(applyMemberChange(stored, { coverageEnd: '2025-06-30' }, TODAY)).toMatchObject({
      ok: false,
      errors: [{ field: 'coverageEnd' }],
    });
    expect(applyMemberChange(stored, { dateOfDeath: '1980-01-01' }, TODAY)).toMatchObject({
      ok: false,
      errors: [{ field: 'dateOfDeath' }],
    });
    expect(applyMemberChange(stored, { dateOfDeath: '2026-06-02' }, TODAY)).toMatchObject({ ok: false });
  });
});

describe('periodsOverlap', () => {
  const period = (coverageStart: string, coverageEnd: string | null) => ({ coverageStart, coverageEnd });

  it('sees overlap on a shared day and with open ends, not between adjacent periods', () => {
    expect(periodsOverlap(period('2026-01-01', '2026-06-30'), period('2026-06-30', null))).toBe(true);
    expect(periodsOverlap(period('2026-01-01', null), period('2030-01-01', '2030-12-31'))).toBe(true);
    expect(periodsOverlap(period('2026-01-01', '2026-06-30'), period('2026-07-01', null))).toBe(false);
    expect(periodsOverlap(period('2027-01-01', null), period('2026-01-01', '2026-12-31'))).toBe(false);
  });
});
