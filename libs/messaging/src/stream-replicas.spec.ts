import { BusNamespace, STREAMS } from '#libs/contracts';
import { readStreamReplicas, streamConfig } from './streams.js';

describe('stream replicas', () => {
  it('defaults to one copy (a single server) and reads STREAM_REPLICAS for a cluster', () => {
    expect(readStreamReplicas({})).toBe(1);
    expect(readStreamReplicas({ STREAM_REPLICAS: '3' })).toBe(3);
  });

  it('refuses a count JetStream cannot keep, naming the variable', () => {
    expect(() => readStreamReplicas({ STREAM_REPLICAS: '0' })).toThrow(
      'Invalid configuration: STREAM_REPLICAS must be between 1 and 5, got 0',
    );
    expect(() => readStreamReplicas({ STREAM_REPLICAS: 'three' })).toThrow(/STREAM_REPLICAS must be an integer/);
  });

  it('puts the count into every stream configuration', () => {
    const namespace = new BusNamespace('');
    expect(STREAMS.map((stream) => streamConfig(namespace, stream, 3).num_replicas)).toEqual(STREAMS.map(() => 3));
  });
});
