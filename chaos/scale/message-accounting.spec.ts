import {
  everyMessageHandledOnce,
  noMessageLost,
  streamsReplicated,
  type ConsumerCount,
  type MessageAccounting,
} from './message-accounting.js';

const consumer = (overrides: Partial<ConsumerCount> = {}): ConsumerCount => ({
  stream: 'CLAIMS',
  consumer: 'billing__claims_claim_decided_v1',
  filter: 'claims.claim.decided.v1',
  inStream: 10,
  handled: 10,
  pending: 0,
  ackPending: 0,
  ...overrides,
});

const accounting = (overrides: Partial<MessageAccounting> = {}): MessageAccounting => ({
  subjects: [{ subject: 'claims.claim.decided.v1', written: 10, unpublished: 0, inStream: 10 }],
  consumers: [consumer()],
  streams: [{ stream: 'CLAIMS', replicas: 3, current: 3 }],
  ...overrides,
});

describe('the message accounting checks', () => {
  it('pass when every count agrees', () => {
    expect(noMessageLost(accounting()).passed).toBe(true);
    expect(everyMessageHandledOnce(accounting()).passed).toBe(true);
    expect(streamsReplicated(accounting(), 3).passed).toBe(true);
  });

  it('name a subject whose events did not all reach the stream, or are still waiting in an outbox', () => {
    const lost = noMessageLost(
      accounting({ subjects: [{ subject: 'claims.claim.decided.v1', written: 10, unpublished: 1, inStream: 9 }] }),
    );
    expect(lost.passed).toBe(false);
    expect(lost.details).toEqual(['claims.claim.decided.v1: 10 written to outboxes (1 unpublished), 9 in the stream']);
  });

  it('name a consumer that handled a message twice, missed one, or has some left', () => {
    for (const bad of [{ handled: 11 }, { handled: 9 }, { pending: 1 }, { ackPending: 2 }]) {
      const result = everyMessageHandledOnce(accounting({ consumers: [consumer(bad)] }));
      expect(result.passed).toBe(false);
      expect(result.details[0]).toMatch(/^billing__claims_claim_decided_v1 \(claims\.claim\.decided\.v1\)/);
    }
  });

  it('name a stream with a copy behind or at the wrong replica count', () => {
    const behind = streamsReplicated(accounting({ streams: [{ stream: 'CLAIMS', replicas: 3, current: 2 }] }), 3);
    expect(behind.details).toEqual(['CLAIMS: 2 of 3 copies current (want 3)']);
    expect(streamsReplicated(accounting({ streams: [{ stream: 'CLAIMS', replicas: 1, current: 1 }] }), 3).passed).toBe(
      false,
    );
  });
});
