import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { EntityManager } from 'typeorm';
import { newCorrelation } from '#libs/contracts';
import { PhiCipher } from '#libs/phi';
import { storeClaim } from '../src/intake/store-claim.js';
import { advanceSaga } from '../src/saga/advance-saga.js';
import type { SagaInput } from '../src/saga/claim-saga.js';
import type { EventOutbox } from '../src/saga/event-outbox.js';
import { startReview } from '../src/saga/start-review.js';
import type { CheckAnswer } from '../src/saga/saga-state.js';
import { clinicP1 } from './support/claim-builders.js';
import { ClaimsTestBed } from './support/claims-test-bed.js';

/**
 * `startReview` is the one-statement fast path of the saga's first step. Whatever a claim went through
 * before (answers, pending answers, analyst decisions, deadlines, in any order), it must leave the
 * claim's rows exactly as `decide` on `reviewStarted`, carried out by the saga's shell, would.
 */
describe('startReview agrees with the saga (decide on reviewStarted)', () => {
  let bed: ClaimsTestBed;
  // Far in the future, so the service's own deadline scan never touches these claims.
  const base = Date.now() + 24 * 3600_000;
  const at = (seconds: number) => new Date(base + seconds * 1000);
  const ignoredOutbox: EventOutbox = { add: async () => undefined };

  beforeAll(async () => {
    bed = await ClaimsTestBed.open('cstart', { CLAIMS_DEADLINE_SCAN_MS: '3600000' });
  });
  afterAll(async () => {
    await bed?.close();
  });

  const inTransaction = <T>(work: (manager: EntityManager) => Promise<T>) => bed.dataSource.transaction(work);
  const cipher = () => bed.app.get(PhiCipher);

  async function storeFreshClaim(): Promise<string> {
    const id = randomUUID();
    const submission = {
      memberId: 'M-1',
      providerId: 'P-1',
      serviceDate: '2026-11-02',
      diagnosisCodes: ['J06.9'],
      lines: [
        { code: '99213', units: 1, charge: 15000, modifiers: [] },
        { code: '87880', units: 1, charge: 4500, modifiers: ['59'] },
      ],
      records: [],
      estimateId: null,
      submissionKey: null,
    };
    const claim = { id, submission, submittedBy: clinicP1, insurerId: 'INS-1', at: at(0) };
    await inTransaction((manager) => storeClaim(manager, claim, bed.config.deadlines, cipher()));
    return id;
  }

  async function rowsOf(claimId: string) {
    const [claim] = await bed.dataSource.query(
      `SELECT c.status, c.denial_reason, c.insurer_id, c.currency, s.checks, s.flag_decision, s.next_deadline_at
       FROM claims c JOIN claim_sagas s ON s.claim_id = c.id WHERE c.id = $1`,
      [claimId],
    );
    const timeline = await bed.dataSource.query(
      `SELECT at, status, reason, actor FROM claim_timeline WHERE claim_id = $1 ORDER BY seq`,
      [claimId],
    );
    return { claim, timeline };
  }

  const lineVerdict = fc.constantFrom<'covered' | 'NOT_COVERED'>('covered', 'NOT_COVERED');
  const answer: fc.Arbitrary<CheckAnswer> = fc.oneof(
    fc.tuple(lineVerdict, lineVerdict).map(([first, second]) => ({
      check: 'coverage' as const,
      insurerId: 'INS-1',
      currency: 'USD',
      lines: [first, second].map((verdict, index) =>
        verdict === 'covered'
          ? { index, status: 'covered' as const, reason: null }
          : { index, status: 'denied' as const, reason: verdict },
      ),
    })),
    fc.boolean().map((held) => ({ check: 'fraud' as const, score: held ? 80 : 10, held, flagId: held ? 'F-1' : null })),
    fc.constantFrom(
      { check: 'ledger' as const, verified: true, reason: null },
      { check: 'ledger' as const, verified: false, reason: 'CONSENT_MISSING' },
    ),
  );
  const history: fc.Arbitrary<SagaInput[]> = fc
    .array(
      fc.oneof(
        answer.map((answer) => ({ type: 'checkAnswered' as const, answer })),
        fc.constant({ type: 'checkPending' as const, check: 'ledger' as const }),
        fc.constantFrom('confirm', 'dismiss').map((decision) => ({ type: 'flagDecided' as const, decision })),
        fc.constant({ type: 'deadlinesDue' as const }),
      ),
      { maxLength: 5 },
    )
    // Inputs arrive 40 s apart, so deadlines come due along the way.
    .map((inputs) => inputs.map((input, index): SagaInput => ({ ...input, at: at(40 * (index + 1)) })));

  it('leaves every claim as the saga would, whatever it went through before', async () => {
    await fc.assert(
      fc.asyncProperty(history, async (inputs) => {
        const [fast, general] = [await storeFreshClaim(), await storeFreshClaim()];
        for (const input of inputs) {
          for (const claimId of [fast, general]) {
            await inTransaction((manager) =>
              advanceSaga(manager, ignoredOutbox, claimId, input, newCorrelation(), bed.config.deadlines, cipher()),
            );
          }
        }
        const startedAt = at(1000);
        await inTransaction((manager) => startReview(manager, fast, startedAt));
        await inTransaction((manager) =>
          advanceSaga(
            manager,
            ignoredOutbox,
            general,
            { type: 'reviewStarted', at: startedAt },
            newCorrelation(),
            bed.config.deadlines,
            cipher(),
          ),
        );
        expect(await rowsOf(fast)).toEqual(await rowsOf(general));
      }),
      // The fresh claim (no history) is the case the fast path exists for: always tried.
      { numRuns: 40, examples: [[[]]] },
    );
  });
});
