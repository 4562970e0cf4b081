import { BusNamespace } from '#libs/contracts';
import { bareOriginalSubject, replayHeaders, replayMessageId, toDeadLetterEntry } from './dead-letter-entry.js';

const ns = new BusNamespace('t1');
const bytes = (text: string) => new TextEncoder().encode(text);

describe('dead-letter entries', () => {
  it('reads the failure from the headers and the identity from the envelope', () => {
    const envelope = { id: 'e-1', type: 'claims.claim.decided', correlationId: 'c-1', data: { claimId: 'x' } };
    const entry = toDeadLetterEntry(
      {
        seq: 12,
        subject: 't1.dlq.claims.claim.decided.v1',
        headers: {
          'dlq-reason': 'MAX_DELIVER',
          'dlq-error': 'boom',
          'dlq-consumer': 'billing__claims_claim_decided_v1',
          'dlq-delivery-count': '5',
        },
        data: bytes(JSON.stringify(envelope)),
        storedAt: new Date('2026-03-14T08:00:00Z'),
      },
      ns,
    );
    expect(entry).toEqual({
      id: 12,
      subject: 'claims.claim.decided.v1',
      reason: 'MAX_DELIVER',
      error: 'boom',
      consumer: 'billing__claims_claim_decided_v1',
      deliveryCount: 5,
      deadLetteredAt: '2026-03-14T08:00:00.000Z',
      envelopeId: 'e-1',
      envelopeType: 'claims.claim.decided',
      correlationId: 'c-1',
    });
  });

  it('lists a letter whose payload is not an envelope, without its identity', () => {
    const entry = toDeadLetterEntry(
      { seq: 1, subject: 't1.dlq.claims.x.v1', headers: {}, data: bytes('not json'), storedAt: new Date(0) },
      ns,
    );
    expect(entry).toMatchObject({ reason: 'UNKNOWN', deliveryCount: 0, envelopeId: null, correlationId: null });
  });

  it('replays to the subject inside the namespace the letter lives in', () => {
    expect(bareOriginalSubject('t1.dlq.billing.payout.requested.v1', ns)).toBe('billing.payout.requested.v1');
    expect(bareOriginalSubject('dlq.claims.claim.decided.v1', new BusNamespace(''))).toBe('claims.claim.decided.v1');
    expect(() => bareOriginalSubject('t1.claims.claim.decided.v1', ns)).toThrow(/not a dead-letter subject/);
    expect(() => bareOriginalSubject('t1.dlq.', ns)).toThrow(/not a dead-letter subject/);
  });

  it('replays the original headers without the dead letter’s own', () => {
    expect(
      replayHeaders({
        traceparent: '00-abc-def-01',
        'correlation-id': 'c-1',
        'Nats-Msg-Id': 'billing:CLAIMS:7',
        'dlq-reason': 'MAX_DELIVER',
        'dlq-stream-sequence': '7',
      }),
    ).toEqual({ traceparent: '00-abc-def-01', 'correlation-id': 'c-1' });
  });

  it('gives each letter its own replay message id, never the envelope id', () => {
    expect(replayMessageId('T1_DLQ', 12)).toBe('dlq-replay:T1_DLQ:12');
    expect(replayMessageId('T1_DLQ', 12)).not.toBe(replayMessageId('T1_DLQ', 13));
  });
});
