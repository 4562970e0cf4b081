import {
  RpcPatterns,
  Subjects,
  type CheckRequested,
  type SettlementRequested,
  type SubmitClaimResult,
} from '#libs/contracts';
import { Outbox } from '#libs/messaging';
import { PhiCipher } from '#libs/phi';
import { scanPausedBeforeLocking, waitFor } from '#libs/testing';
import { DeadlineScanner } from '../src/deadlines/deadline-scanner.js';
import { aClaim, clinicP1 } from './support/claim-builders.js';
import { ALL_CHECKS, playCheckingServices } from './support/checking-services.js';
import { ClaimsTestBed } from './support/claims-test-bed.js';

const CLAIMS = 8;

/**
 * Two claims instances scanning the same deadlines, one caught at the worst moment: its scan took its
 * snapshot before the other committed its re-asks and locks the claims after (see scanPausedBeforeLocking).
 * The claims rows are then unlocked and unchanged, so PostgreSQL hands them to the slow scanner without
 * re-checking the deadline; what it re-asks must still be decided on the saga as the other left it.
 */
async function submitClaims(bed: ClaimsTestBed): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < CLAIMS; i++) {
    const reply = await bed.call<SubmitClaimResult>(RpcPatterns.submitClaim, clinicP1, aClaim());
    if (!reply.ok) throw new Error(`submit failed: ${reply.error.detail}`);
    ids.push(reply.value.id);
  }
  return ids;
}

/** A second scanner on the same database, whose scan pauses before locking while `meanwhile` runs. */
function slowScanner(bed: ClaimsTestBed, meanwhile: () => Promise<unknown>): DeadlineScanner {
  const dataSource = scanPausedBeforeLocking(bed.dataSource, meanwhile);
  return new DeadlineScanner(dataSource, bed.app.get(Outbox), bed.config, bed.app.get(PhiCipher));
}

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

describe('two deadline scanners racing on the checks’ deadlines', () => {
  let bed: ClaimsTestBed;

  beforeAll(async () => {
    // Long deadlines: only the scans run here by hand (an hour ahead) find anything overdue.
    bed = await ClaimsTestBed.open('cdlr', { CLAIMS_CHECK_DEADLINE_MS: '60000' });
  });
  afterAll(async () => {
    await bed?.close();
  });

  it('re-asks each overdue check once when one scanner locks the claims just after the other committed', async () => {
    const ids = await submitClaims(bed);
    await waitFor(
      async () => (await bed.dataSource.query(`SELECT 1 FROM claims WHERE status = 'in_review'`)).length === ids.length,
      { what: 'the reviews to start' },
    );
    const anHourLater = new Date(Date.now() + 3_600_000);
    const fast = bed.app.get(DeadlineScanner);
    let takenByFast = 0;
    const slow = slowScanner(bed, async () => (takenByFast = await fast.scanOnce(anHourLater)));

    const takenBySlow = await slow.scanOnce(anHourLater);

    // Both took every claim: the race happened (the slow scanner found them unlocked after the commit).
    expect(takenByFast).toBe(ids.length);
    expect(takenBySlow).toBe(ids.length);
    const asks = (await bed.outboxEnvelopes<CheckRequested>(Subjects.checkRequested)).map(({ data }) => data);
    const perDeadline = countBy(asks, (ask) => `${ask.claim.claimId}/${ask.check}/${ask.attempt}`);
    expect(perDeadline.size).toBe(ids.length * ALL_CHECKS.length);
    expect([...perDeadline.values()].every((count) => count === 1)).toBe(true);
    expect(asks.every((ask) => ask.attempt === 2)).toBe(true);
  });
});

describe('two deadline scanners racing on the settlement deadlines', () => {
  let bed: ClaimsTestBed;

  beforeAll(async () => {
    bed = await ClaimsTestBed.open('csdlr', { CLAIMS_CHECK_DEADLINE_MS: '60000' });
    playCheckingServices(bed);
  });
  afterAll(async () => {
    await bed?.close();
  });

  it('re-asks each overdue settlement once when one scanner locks the claims just after the other committed', async () => {
    const ids = await submitClaims(bed);
    await waitFor(
      async () =>
        (await bed.dataSource.query(`SELECT 1 FROM claim_sagas WHERE settlement_deadline_at IS NOT NULL`)).length ===
        ids.length,
      { what: 'the approvals to be watched' },
    );
    const anHourLater = new Date(Date.now() + 3_600_000);
    const fast = bed.app.get(DeadlineScanner);
    let takenByFast = 0;
    const slow = slowScanner(bed, async () => (takenByFast = await fast.scanSettlementsOnce(anHourLater)));

    const takenBySlow = await slow.scanSettlementsOnce(anHourLater);

    expect(takenByFast).toBe(ids.length);
    expect(takenBySlow).toBe(ids.length);
    const asks = (await bed.outboxEnvelopes<SettlementRequested>(Subjects.settlementRequested)).map(({ data }) => data);
    const perDeadline = countBy(asks, (ask) => `${ask.decided.claimId}/${ask.stage}/${ask.attempt}`);
    expect(Object.fromEntries(perDeadline)).toEqual(Object.fromEntries(ids.map((id) => [`${id}/pricing/2`, 1])));
    const sagas: { settlement_attempts: number }[] = await bed.dataSource.query(
      `SELECT settlement_attempts FROM claim_sagas WHERE claim_id = ANY($1)`,
      [ids],
    );
    expect(sagas.map((saga) => saga.settlement_attempts)).toEqual(ids.map(() => 2));
  });
});
