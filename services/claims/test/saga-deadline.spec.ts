import {
  RpcPatterns,
  Subjects,
  type CheckRequested,
  type ClaimDecided,
  type ClaimTimelineResult,
  type ClaimView,
  type SubmitClaimResult,
} from '#libs/contracts';
import { waitFor } from '#libs/testing';
import { aClaim, clinicP1, insurerI1 } from './support/claim-builders.js';
import { ClaimsTestBed } from './support/claims-test-bed.js';
import { ALL_CHECKS, playCheckingServices } from './support/checking-services.js';
import { DeadlineScanner } from '../src/deadlines/deadline-scanner.js';

describe('claim saga deadlines', () => {
  let bed: ClaimsTestBed;

  beforeAll(async () => {
    bed = await ClaimsTestBed.open('cdl', { CLAIMS_CHECK_DEADLINE_MS: '300', CLAIMS_CHECK_DEADLINE_MAX_MS: '2000' });
  });
  afterAll(async () => {
    await bed?.close();
  });

  it('a saga deadline re-asks a check whose answer was lost', async () => {
    const lost = playCheckingServices(bed, { answerSubmitted: false });
    const reply = await bed.call<SubmitClaimResult>(RpcPatterns.submitClaim, clinicP1, aClaim());
    if (!reply.ok) throw new Error(`submit failed: ${reply.error.detail}`);
    const id = reply.value.id;

    const claim = await waitFor(
      async () => {
        const got = await bed.call<ClaimView>(RpcPatterns.getClaim, insurerI1, { id });
        return got.ok && got.value.status === 'approved' ? got.value : undefined;
      },
      { what: 'the claim to be approved after the re-asks', timeoutMs: 20_000 },
    );

    expect(lost.map((message) => (message.envelope.data as { claimId: string }).claimId)).toContain(id);
    const reasked = bed.eventsOf(Subjects.checkRequested, id).map((message) => message.envelope.data as CheckRequested);
    for (const check of ALL_CHECKS) {
      expect(reasked).toContainEqual(
        expect.objectContaining({ check, attempt: 2, claim: expect.objectContaining({ claimId: id }) }),
      );
    }
    expect(claim.lines.map((line) => line.status)).toEqual(['approved', 'approved']);
    expect(claim.currency).toBe('USD');

    const timeline = await bed.call<ClaimTimelineResult>(RpcPatterns.claimTimeline, insurerI1, { id });
    expect(timeline.ok && timeline.value.items.map((item) => item.status)).toEqual([
      'received',
      'in_review',
      'approved',
    ]);

    const decided = await waitFor(() => bed.eventsOf(Subjects.claimDecided, id)[0], { what: 'the decided event' });
    expect(decided.envelope.data).toEqual<ClaimDecided>({
      claimId: id,
      memberId: 'M-1',
      providerId: 'P-1',
      insurerId: 'INS-1',
      serviceDate: '2026-11-02',
      status: 'approved',
      reason: null,
      planId: 'PLAN-1',
      currency: 'USD',
      estimateId: null,
      lines: [
        {
          index: 0,
          code: '99213',
          units: 1,
          charge: 15000,
          category: 'office_visit',
          status: 'approved',
          reason: null,
        },
        { index: 1, code: '87880', units: 1, charge: 4500, category: 'office_visit', status: 'approved', reason: null },
      ],
    });
    // The decided claim left the deadline scan: nothing is re-asked any more.
    const [saga] = await bed.dataSource.query(`SELECT next_deadline_at FROM claim_sagas WHERE claim_id = $1`, [id]);
    expect(saga.next_deadline_at).toBeNull();
  });
});

describe('claim saga deadline scan', () => {
  let bed: ClaimsTestBed;

  beforeAll(async () => {
    // Long deadlines: only the scans this test runs by hand (an hour ahead) find anything overdue.
    bed = await ClaimsTestBed.open('cdls', { CLAIMS_CHECK_DEADLINE_MS: '60000' });
  });
  afterAll(async () => {
    await bed?.close();
  });

  it('two scanners at once re-ask each overdue check exactly once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const reply = await bed.call<SubmitClaimResult>(RpcPatterns.submitClaim, clinicP1, aClaim());
      if (reply.ok) ids.push(reply.value.id);
    }
    // A review still starting holds its claim's lock, and both scans would rightly skip that claim.
    await waitFor(
      async () => (await bed.dataSource.query(`SELECT 1 FROM claims WHERE status = 'in_review'`)).length === ids.length,
      { what: 'the reviews to start' },
    );
    const scanner = bed.app.get(DeadlineScanner);
    const anHourLater = new Date(Date.now() + 3_600_000);
    const taken = await Promise.all([scanner.scanOnce(anHourLater), scanner.scanOnce(anHourLater)]);
    expect(taken[0] + taken[1]).toBe(ids.length);

    const rows = (await bed.outboxEnvelopes<CheckRequested>(Subjects.checkRequested)).map(({ data }) => ({
      claim_id: data.claim.claimId,
      check: data.check,
      attempt: data.attempt,
    }));
    expect(rows).toHaveLength(ids.length * ALL_CHECKS.length);
    expect(new Set(rows.map((row) => `${row.claim_id}/${row.check}`)).size).toBe(rows.length);
    expect(rows.every((row) => row.attempt === 2)).toBe(true);
  });
});
