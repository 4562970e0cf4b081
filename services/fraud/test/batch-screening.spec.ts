import { randomUUID } from 'node:crypto';
import type { ClaimSubmitted, ScreeningCompleted } from '#libs/contracts';
import { Outbox } from '#libs/messaging';
import { PhiCipher } from '#libs/phi';
import type { EntityManager } from 'typeorm';
import { FRAUD_SETTINGS } from '../src/fraud-config.js';
import { openRules, sealDateOfDeath } from '../src/phi/fraud-phi.js';
import { screenSubmittedClaims, type ScreeningSettings } from '../src/screening/screen-submitted-claims.js';
import { batchWorkload } from './support/batch-workload.js';
import { FraudTestBed } from './support/fraud-test-bed.js';

/** Counts the statements a piece of work sends through the transaction's manager. */
function countStatements(manager: EntityManager): () => number {
  let statements = 0;
  const query = manager.query.bind(manager);
  manager.query = ((sql: string, parameters?: unknown[]) => {
    statements += 1;
    return query(sql, parameters);
  }) as EntityManager['query'];
  return () => statements;
}

/**
 * Screening a whole batch at once (what the consumer does with each fetched batch) against screening one
 * claim per transaction (what it did before): the same verdicts and flags, in a constant number of
 * statements per batch.
 */
describe('fraud screening of a whole batch', () => {
  let batched: FraudTestBed;
  let single: FraudTestBed;
  const { claims, deniedClaimId } = batchWorkload();

  beforeAll(async () => {
    [batched, single] = await Promise.all([FraudTestBed.open('fbat1'), FraudTestBed.open('fbat2')]);
    for (const bed of [batched, single]) await withFacts(bed);
  });
  afterAll(async () => {
    await Promise.all([batched?.close(), single?.close()]);
  });

  /** What underwriting, billing, the claims saga and an admin told fraud before. */
  async function withFacts(bed: FraudTestBed): Promise<void> {
    const cipher = bed.app.get(PhiCipher);
    await bed.dataSource.query(
      `INSERT INTO members (member_id, insurer_id, date_of_death, version) VALUES ($1, $2, $3, 1)`,
      ['M-GONE', 'INS-A', sealDateOfDeath(cipher, 'M-GONE', '2026-03-01')],
    );
    await bed.dataSource.query(
      `INSERT INTO estimates (estimate_id, member_id, provider_id, total_charge) VALUES ('EST-B', 'M-EST', 'P-OTHER', 10000)`,
    );
    await bed.dataSource.query(`INSERT INTO claim_denials (claim_id) VALUES ($1)`, [deniedClaimId]);
    await bed.dataSource.query(
      `INSERT INTO exclusions (id, provider_id, insurer_id, from_date, to_date, reason, created_by)
       VALUES ($1, 'P-BAD', NULL, '2026-03-01', NULL, 'OIG list', 'admin-1')`,
      [randomUUID()],
    );
  }

  async function screen(bed: FraudTestBed, batch: readonly ClaimSubmitted[]) {
    const settings = bed.app.get<ScreeningSettings>(FRAUD_SETTINGS);
    const cipher = bed.app.get(PhiCipher);
    const requests = batch.map((claim) => ({
      claim,
      causation: { correlationId: randomUUID(), causationId: randomUUID() },
      traced: <R>(fn: () => R): R => fn(),
    }));
    return bed.dataSource.transaction(async (manager) => {
      const statements = countStatements(manager);
      const answers = await screenSubmittedClaims(manager, bed.app.get(Outbox), requests, settings, cipher);
      return { answers, statements: statements() };
    });
  }

  /** Each answer without its random flag id, with the rules of its flag opened. */
  async function verdicts(bed: FraudTestBed, answers: readonly ScreeningCompleted[]) {
    const cipher = bed.app.get(PhiCipher);
    return Promise.all(
      answers.map(async ({ flagId, ...answer }) => {
        if (flagId === null) return { ...answer, rules: [] };
        const [flag] = await bed.dataSource.query<{ rules: string }[]>(
          `SELECT rules #>> '{}' AS rules FROM flags WHERE id = $1`,
          [flagId],
        );
        return { ...answer, rules: await openRules(cipher, flagId, flag.rules) };
      }),
    );
  }

  it('gives every claim of a batch the verdict it gets when the claims are screened one per transaction', async () => {
    const inOneBatch = await screen(batched, claims);
    const oneByOne: ScreeningCompleted[] = [];
    for (const claim of claims) oneByOne.push(...(await screen(single, [claim])).answers);

    const expected = await verdicts(single, oneByOne);
    expect(await verdicts(batched, inOneBatch.answers)).toEqual(expected);
    // The workload reaches every rule that looks at other claims, so the batch is put to the test.
    const codes = new Set(expected.flatMap((verdict) => verdict.rules.map((rule) => rule.code)));
    expect([...codes].sort()).toEqual([
      'CHARGE_OUTLIER',
      'DUPLICATE_CLAIM',
      'ESTIMATE_INFLATION',
      'EXCLUDED_PROVIDER',
      'IMPOSSIBLE_DAY',
      'NEAR_DUPLICATE',
      'PROVIDER_SPIKE',
      'SERVICE_AFTER_DEATH',
    ]);
    // One screening, one flag and one answer per claim; the copy is answered with the first copy's result.
    expect(await batched.count('screenings')).toBe(new Set(claims.map((claim) => claim.claimId)).size);
    expect(await batched.count('flags')).toBe(await single.count('flags'));
  });

  it('reads and writes a batch of any size in three statements: lock the days, read the facts, store', async () => {
    const one = await screen(batched, batchWorkload().claims.slice(0, 1));
    const many = await screen(batched, batchWorkload().claims);
    expect(one.statements).toBe(3);
    expect(many.statements).toBe(3);
    expect(many.answers).toHaveLength(batchWorkload().claims.length);
  });

  it('answers a batch of claims screened before with their stored results, storing nothing new', async () => {
    const flagsBefore = await batched.count('flags');
    const again = await screen(batched, claims);
    expect(again.answers).toEqual(await storedAnswers(batched, claims));
    expect(await batched.count('flags')).toBe(flagsBefore);
  });

  async function storedAnswers(bed: FraudTestBed, batch: readonly ClaimSubmitted[]): Promise<ScreeningCompleted[]> {
    const rows = await bed.dataSource.query<
      { claim_id: string; score: number; held: boolean; flag_id: string | null }[]
    >(`SELECT claim_id, score, held, flag_id FROM screenings WHERE claim_id = ANY ($1::uuid[])`, [
      batch.map((claim) => claim.claimId),
    ]);
    const byClaim = new Map(rows.map((row) => [row.claim_id, row]));
    return batch.map(({ claimId }) => {
      const row = byClaim.get(claimId);
      return { claimId, score: row?.score ?? -1, held: row?.held ?? false, flagId: row?.flag_id ?? null };
    });
  }
});
