import { BusNamespace } from '#libs/contracts';
import { deadLetterSubject, durableName, streamOf, subjectMatches } from './naming.js';

describe('bus naming', () => {
  it('names a durable consumer after its service and subject, with dots made safe', () => {
    expect(durableName('claims', 'fraud.screening.completed.v1')).toBe('claims__fraud_screening_completed_v1');
    expect(durableName('ledger-bridge', 'claims.claim.submitted.v1')).toBe('ledger-bridge__claims_claim_submitted_v1');
  });

  it('refuses a durable name NATS would reject', () => {
    expect(() => durableName('bad service', 'claims.claim.submitted.v1')).toThrow(/invalid durable name/);
    expect(() => durableName('claims', 'claims.*.submitted.v1')).toThrow(/invalid durable name/);
  });

  it('dead-letters under dlq. inside the namespace', () => {
    expect(deadLetterSubject(new BusNamespace(''), 'claims.claim.submitted.v1')).toBe('dlq.claims.claim.submitted.v1');
    expect(deadLetterSubject(new BusNamespace('t1'), 'claims.claim.submitted.v1')).toBe(
      't1.dlq.claims.claim.submitted.v1',
    );
  });

  it('matches NATS wildcards the way the server does', () => {
    expect(subjectMatches('claims.>', 'claims.claim.submitted.v1')).toBe(true);
    expect(subjectMatches('claims.>', 'claims')).toBe(false);
    expect(subjectMatches('claims.*', 'claims.claim')).toBe(true);
    expect(subjectMatches('claims.*', 'claims.claim.x')).toBe(false);
    expect(subjectMatches('claims.claim', 'claims.claim')).toBe(true);
    expect(subjectMatches('claims.claim.x', 'claims.claim')).toBe(false);
  });

  it('finds the stream owning a subject', () => {
    expect(streamOf('claims.claim.submitted.v1')).toBe('CLAIMS');
    expect(streamOf('fraud.screening.completed.v1')).toBe('FRAUD');
    expect(streamOf('dlq.claims.claim.submitted.v1')).toBe('DLQ');
    expect(() => streamOf('nobody.owns.this.v1')).toThrow(/no stream/);
  });
});
