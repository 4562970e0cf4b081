import { statusLabel } from './status-words';

/** The public claim statuses as the gateway documents them (libs/contracts `CLAIM_STATUSES`). */
const { default: openapi } = await import('../api/generated/openapi.json', { with: { type: 'json' } });
const CLAIM_STATUSES: string[] = openapi.components.schemas.ClaimResponse.properties.status.enum;

describe('status words', () => {
  it('knows the public claim statuses', () => expect(CLAIM_STATUSES).toContain('pending_review'));

  it('tells the patient only "Under review", held or not', () => {
    expect(statusLabel('in_review', 'patient')).toBe('Under review');
    expect(statusLabel('pending_review', 'patient')).toBe('Under review');
  });

  it.each(['clinic', 'analyst', 'insurer'] as const)('gives each claim status its own words for the %s', (role) => {
    const words = CLAIM_STATUSES.map((status) => statusLabel(status, role));
    expect(new Set(words).size).toBe(CLAIM_STATUSES.length);
  });

  it('names the fraud hold to the insurer and analyst, and not to the clinic', () => {
    expect(statusLabel('pending_review', 'insurer')).toBe('Held for fraud review');
    expect(statusLabel('pending_review', 'analyst')).toBe('Held for fraud review');
    expect(statusLabel('pending_review', 'clinic')).not.toMatch(/fraud/i);
    expect(statusLabel('in_review')).toBe('In review');
  });
});
