import { decideVerification, type RecordFact, type VerificationFacts } from './decide-verification.js';

const CLINIC = '0x1111111111111111111111111111111111111111';
const OTHER_CLINIC = '0x2222222222222222222222222222222222222222';
const SHA = 'ab'.repeat(32);
const AT = 1_800_000_000n;

const anchored = (sha256 = SHA, clinic = CLINIC): RecordFact => ({
  sha256: SHA,
  anchor: { contentHash: `0x${sha256}`, clinic },
});
const unanchored: RecordFact = { sha256: SHA, anchor: null };
const granted = { inForceAt: true, latest: { grantedAt: AT - 100n, expiresAt: AT + 100n, revokedAt: 0n } };

function facts(overrides: Partial<VerificationFacts> = {}): VerificationFacts {
  return { records: [anchored()], providerAddress: CLINIC, consent: granted, at: AT, ...overrides };
}

describe('on-chain verification of a claim', () => {
  it('verifies anchored records with a consent in force', () => {
    expect(decideVerification(facts())).toEqual({ verified: true, reason: null });
  });

  it('verifies a claim citing no records on consent alone', () => {
    expect(decideVerification(facts({ records: [] }))).toEqual({ verified: true, reason: null });
  });

  it('denies RECORD_NOT_ANCHORED before any other reason', () => {
    const verdict = decideVerification(facts({ records: [anchored('cd'.repeat(32)), unanchored], consent: null }));
    expect(verdict).toEqual({ verified: false, reason: 'RECORD_NOT_ANCHORED' });
  });

  it('denies RECORD_HASH_MISMATCH for another hash or another clinic', () => {
    expect(decideVerification(facts({ records: [anchored('cd'.repeat(32))] })).reason).toBe('RECORD_HASH_MISMATCH');
    expect(decideVerification(facts({ records: [anchored(SHA, OTHER_CLINIC)] })).reason).toBe('RECORD_HASH_MISMATCH');
    expect(decideVerification(facts({ providerAddress: null })).reason).toBe('RECORD_HASH_MISMATCH');
  });

  it('compares hashes and addresses regardless of case', () => {
    const record: RecordFact = { sha256: SHA, anchor: { contentHash: `0x${SHA.toUpperCase()}`, clinic: CLINIC } };
    expect(decideVerification(facts({ records: [record], providerAddress: CLINIC.toUpperCase() })).verified).toBe(true);
  });

  it('denies CONSENT_MISSING without any grant, or when the parties are unknown', () => {
    expect(decideVerification(facts({ consent: { inForceAt: false, latest: null } })).reason).toBe('CONSENT_MISSING');
    expect(decideVerification(facts({ consent: null })).reason).toBe('CONSENT_MISSING');
  });

  it('denies CONSENT_EXPIRED when the latest grant ran out before the submission', () => {
    const latest = { grantedAt: AT - 100n, expiresAt: AT - 1n, revokedAt: 0n };
    expect(decideVerification(facts({ consent: { inForceAt: false, latest } })).reason).toBe('CONSENT_EXPIRED');
  });

  it('reads a revoked grant as missing, not expired', () => {
    const latest = { grantedAt: AT - 100n, expiresAt: AT + 100n, revokedAt: AT - 10n };
    expect(decideVerification(facts({ consent: { inForceAt: false, latest } })).reason).toBe('CONSENT_MISSING');
  });

  it('accepts a grant made later on the submission day (UTC)', () => {
    const latest = { grantedAt: AT + 10n, expiresAt: AT + 100_000n, revokedAt: 0n };
    expect(decideVerification(facts({ consent: { inForceAt: false, latest } })).verified).toBe(true);
  });

  it('reads a grant made on a later day as missing', () => {
    const latest = { grantedAt: AT + 86_400n, expiresAt: AT + 200_000n, revokedAt: 0n };
    expect(decideVerification(facts({ consent: { inForceAt: false, latest } })).reason).toBe('CONSENT_MISSING');
  });
});
