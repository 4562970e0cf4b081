import { REASON_WORDS, reasonWords } from './reason-words';

/**
 * The codes the platform defines: libs/contracts `CLAIM_REASON_CODES`, which the gateway documents as the
 * OpenAPI schema `ClaimReasonCode` (kept equal to the gateway by services/gateway's portal-api spec).
 */
const { default: openapi } = await import('../api/generated/openapi.json', { with: { type: 'json' } });
const platformCodes: string[] = openapi.components.schemas.ClaimReasonCode.enum;

describe('reason codes in words', () => {
  it('has a sentence for the patient and for the others for every code the platform defines, and no other', () => {
    expect(platformCodes.length).toBeGreaterThan(20);
    expect(Object.keys(REASON_WORDS).sort()).toEqual([...platformCodes].sort());
    for (const code of platformCodes) {
      expect(reasonWords(code, 'staff')).toMatch(/^[A-Z].+\.$/);
      expect(reasonWords(code, 'patient')).toMatch(/^[A-Z].+\.$/);
    }
  });

  it('tells a patient of a confirmed fraud no more than the code: no score, rule or note', () => {
    const told = reasonWords('FRAUD_CONFIRMED', 'patient');
    expect(told).not.toMatch(/score|rule|analyst|note|flag/i);
    for (const code of ['FRAUD_HOLD', 'FRAUD_DISMISSED']) {
      expect(reasonWords(code, 'patient')).not.toMatch(/fraud|score|rule|analyst|flag/i);
    }
  });

  it('spells out a code it does not know yet instead of hiding it', () => {
    expect(reasonWords('SOMETHING_NEW', 'staff')).toBe('Something new.');
  });
});
