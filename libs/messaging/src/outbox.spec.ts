import { randomBytes } from 'node:crypto';
import { newCorrelation, Subjects, type InsurerRegistered } from '#libs/contracts';
import { PhiCipher, type PhiKeyring } from '#libs/phi';
import type { EntityManager } from 'typeorm';
import { Outbox } from './outbox.js';
import { openOutboxEnvelope } from './outbox-seal.js';

const insurer: InsurerRegistered = { insurerId: 'I-1', address: '0x' + 'ab'.repeat(20) };

/** One data key in memory: the seal itself is libs/phi's, tested there against PostgreSQL. */
function memoryCipher(): PhiCipher {
  const key = { id: 'dk000000000001', key: randomBytes(32) };
  const keyring = { activeDataKey: () => key, dataKey: async () => key.key };
  return new PhiCipher(keyring as unknown as PhiKeyring);
}

/** The envelope a stored `envelope` column value holds, opened as the relay opens it. */
async function opened(cipher: PhiCipher, id: string, column: string): Promise<unknown> {
  return JSON.parse(await openOutboxEnvelope(cipher, id, JSON.parse(column) as string));
}

describe('outbox rows', () => {
  const cipher = memoryCipher();
  const outbox = new Outbox('ns-7', cipher);

  it('prepares the validated envelope, sealed, the namespaced subject and the headers', async () => {
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
    expect(await opened(cipher, row.id, row.envelope)).toEqual(row.message);
    // No span is active here, so only the correlation travels.
    expect(JSON.parse(row.headers)).toEqual({ 'correlation-id': 'corr-1' });
  });

  it('seals each envelope to its own row: a copy in another row does not open', async () => {
    const row = outbox.prepare(Subjects.insurerRegistered, insurer, newCorrelation());
    expect(JSON.parse(row.envelope)).toMatch(/^phi1:/);
    expect(row.envelope).not.toContain(insurer.address);
    const other = outbox.prepare(Subjects.insurerRegistered, insurer, newCorrelation());
    await expect(opened(cipher, other.id, row.envelope)).rejects.toThrow();
  });

  it('opens an envelope stored in the clear before encryption as it is', async () => {
    const clear = JSON.stringify({ id: 'x', data: insurer });
    expect(await openOutboxEnvelope(cipher, 'x', clear)).toBe(clear);
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
    expect(storedEnvelope).not.toContain('I-1');
    expect(await opened(cipher, id, storedEnvelope)).toEqual(envelope);
    expect(JSON.parse(headers)).toEqual({ 'correlation-id': 'corr-2' });
  });
});
