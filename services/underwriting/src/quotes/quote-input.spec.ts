import { parseQuoteRequest } from './quote-input.js';

const request = (applicant: Record<string, unknown>) => ({
  planId: 'PLAN-1',
  applicant: { birthDate: '1980-01-01', smoker: false, chronicConditions: [], ...applicant },
});

describe('parseQuoteRequest', () => {
  it('accepts an applicant born in the past', () => {
    expect(parseQuoteRequest(request({}), '2026-06-01').ok).toBe(true);
  });

  it.each([
    ['a birth date in the future', { birthDate: '2026-06-02' }, 'applicant.birthDate'],
    ['a birth date over 130 years ago', { birthDate: '1890-01-01' }, 'applicant.birthDate'],
    ['a smoker flag that is not a boolean', { smoker: 'yes' }, 'applicant.smoker'],
    ['an empty condition', { chronicConditions: ['asthma', ' '] }, 'applicant.chronicConditions[1]'],
  ])('names the field for %s', (_, applicant, field) => {
    expect(parseQuoteRequest(request(applicant), '2026-06-01')).toMatchObject({ ok: false, errors: [{ field }] });
  });
});
