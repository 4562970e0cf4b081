import { randomUUID } from 'node:crypto';
import { ContractViolation, Subjects, validateEnvelope } from './index.js';

const anEnvelope = (data: unknown, overrides: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  type: 'fraud.screening.completed',
  version: 1,
  occurredAt: '2026-11-23T10:00:00.000Z',
  correlationId: 'c-1',
  causationId: null,
  data,
  ...overrides,
});

const screening = { claimId: randomUUID(), score: 40, held: false, flagId: null };

function reasonOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof ContractViolation ? error.reason : 'OTHER';
  }
  return undefined;
}

describe('validateEnvelope', () => {
  it('accepts a well-formed message and drops fields it does not know', () => {
    const raw = anEnvelope({ ...screening, extra: 'ignored' }, { futureField: 1 });
    const envelope = validateEnvelope(Subjects.screeningCompleted, raw);
    expect(envelope.data).toEqual(screening);
    expect(envelope).not.toHaveProperty('futureField');
  });

  it('names the reason when the data breaks the schema', () => {
    expect(
      reasonOf(() => validateEnvelope(Subjects.screeningCompleted, anEnvelope({ ...screening, score: 101 }))),
    ).toBe('BAD_DATA');
  });

  it('rejects an envelope whose type or version is not the subject it came on', () => {
    const raw = anEnvelope(screening, { version: 2 });
    expect(reasonOf(() => validateEnvelope(Subjects.screeningCompleted, raw))).toBe('SUBJECT_MISMATCH');
  });

  it('rejects a subject without a schema and an envelope without an id', () => {
    expect(reasonOf(() => validateEnvelope('nobody.thing.happened.v1', anEnvelope(screening)))).toBe('UNKNOWN_SUBJECT');
    expect(reasonOf(() => validateEnvelope(Subjects.screeningCompleted, anEnvelope(screening, { id: 'x' })))).toBe(
      'BAD_ENVELOPE',
    );
  });
});
