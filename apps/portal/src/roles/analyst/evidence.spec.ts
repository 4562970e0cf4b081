import { evidenceInWords } from './evidence';

/** The fraud service's explanations (services/fraud/src/rules) read as sentences. */
describe('evidenceInWords', () => {
  const hit = (code: string, explanation: string) => ({ code, points: 100, explanation });

  it.each([
    [
      hit('DUPLICATE_CLAIM', 'same lines as claim 7f3c1a2b… of 2026-03-02'),
      'Billed twice: this claim has exactly the same services as claim 7f3c1a2b… of 2026-03-02, for the same member, clinic and date of service.',
    ],
    [
      hit('NEAR_DUPLICATE', 'shares 93000, 99213 with claim 7f3c1a2b… of 2026-03-02'),
      'Possibly billed twice: this claim shares 93000, 99213 with claim 7f3c1a2b… of 2026-03-02, for the same member, clinic and date of service.',
    ],
    [
      hit('SERVICE_AFTER_DEATH', "service on 2026-03-02, member's date of death 2026-01-10"),
      'Service after death: the service is dated 2026-03-02, after the member’s recorded date of death, 2026-01-10.',
    ],
    [
      hit('EXCLUDED_PROVIDER', 'provider excluded from 2026-03-01 (OIG exclusion list)'),
      'Excluded clinic: the clinic is excluded from 2026-03-01 on (OIG exclusion list), which covers the date of service.',
    ],
    [
      hit('ESTIMATE_INFLATION', 'total charge 19000 vs 15000 on estimate 1a2b3c4d…'),
      'Charged above the estimate: the claim’s total charge of $190.00 is more than 20 % above the $150.00 of estimate 1a2b3c4d….',
    ],
    [
      hit('IMPOSSIBLE_DAY', '1500 typical minutes billed on 2026-03-02 over 31 claims'),
      'Impossible day: the clinic billed 1,500 minutes of typical work on 2026-03-02 over 31 claims, more than the 1,440 minutes in a day.',
    ],
    [
      hit('CHARGE_OUTLIER', '99213 at 60000 per unit vs median 15000 over 25 lines'),
      'Unusual charge: 99213 is charged $600.00 per unit, more than three times the median of $150.00 over the last 25 lines for that code.',
    ],
    [
      hit('PROVIDER_SPIKE', '40 claims in 24 h vs 1.2 a day over 30 days'),
      'Surge of claims: the clinic sent 40 claims in the last 24 hours, against 1.2 a day on average over the previous 30 days.',
    ],
  ])('%o', (rule, sentence) => {
    expect(evidenceInWords(rule, 'USD')).toBe(sentence);
  });

  it('shows an explanation it does not know as it came, never drops it', () => {
    expect(evidenceInWords(hit('NEW_RULE', 'something odd'), 'USD')).toBe('new rule: something odd.');
    expect(evidenceInWords(hit('DUPLICATE_CLAIM', 'reworded'), 'USD')).toBe('Duplicate claim: reworded.');
  });
});
