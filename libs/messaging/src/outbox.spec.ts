import { newCorrelation, Subjects, type InsurerRegistered } from '#libs/contracts';
import type { EntityManager } from 'typeorm';
import { Outbox } from './outbox.js';

const insurer: InsurerRegistered = { insurerId: 'I-1', address: '0x' + 'ab'.repeat(20) };

describe('outbox rows', () => {
  const outbox = new Outbox('ns-7');

  it('prepares the validated envelope, the namespaced subject and the headers', () => {
    const causation = newCorrelation('corr-1');
    const row = outbox.prepare(Subjects.insurerRegistered, insurer, causation);
    expect(row.message).toMatchObject({
      type: 'underwriting.insurer.registered',
      version: 1,
      correlationId: 'corr-1',
      causationId: causation.causationId,
      data: insurer,
    });
    expect(row.id).toBe(row.message.id);
    expect(row.subject).toBe(outbox.namespace.subject(Subjects.insurerRegistered));
    expect(JSON.parse(row.envelope)).toEqual(row.message);
    // No span is active here, so only the correlation travels.
    expect(JSON.parse(row.headers)).toEqual({ 'correlation-id': 'corr-1' });
  });

  it('gives every prepared row its own id', () => {
    const causation = newCorrelation();
    const ids = new Set([1, 2, 3].map(() => outbox.prepare(Subjects.insurerRegistered, insurer, causation).id));
    expect(ids.size).toBe(3);
  });

  it('refuses data its subject’s schema refuses, before anything is stored', () => {
    expect(() =>
      outbox.prepare(Subjects.insurerRegistered, { insurerId: '', address: 'nope' }, newCorrelation()),
    ).toThrow();
  });

  it('adds exactly the row it prepares', async () => {
    const queries: { sql: string; parameters: unknown[] }[] = [];
    const manager = {
      query: async (sql: string, parameters: unknown[]) => void queries.push({ sql, parameters }),
    } as unknown as EntityManager;
    const envelope = await outbox.add(manager, Subjects.insurerRegistered, insurer, newCorrelation('corr-2'));
    expect(queries).toHaveLength(1);
    expect(queries[0].sql).toMatch(/^INSERT INTO outbox \(id, subject, envelope, headers\)/);
    const [id, subject, storedEnvelope, headers] = queries[0].parameters as string[];
    expect(id).toBe(envelope.id);
    expect(subject).toBe(outbox.namespace.subject(Subjects.insurerRegistered));
    expect(JSON.parse(storedEnvelope)).toEqual(envelope);
    expect(JSON.parse(headers)).toEqual({ 'correlation-id': 'corr-2' });
  });
});
