import { RpcPatterns, Subjects, type ClaimView, type SubmitClaimResult } from '#libs/contracts';
import { createLogger, NestPinoLogger } from '#libs/observability';
import { CapturedLog, metricSample, scrapeMetrics, waitFor } from '#libs/testing';
import { aClaim, aPayoutRequest, aPricing, clinicP1, insurerI1 } from './support/claim-builders.js';
import { ClaimsTestBed } from './support/claims-test-bed.js';
import { ALL_CHECKS, playCheckingServices } from './support/checking-services.js';

const TX = `0x${'cd'.repeat(32)}`;
const AMOUNT = '142000000000000000000';
/** The fields a claim outcome line may carry: ids, statuses and codes, nothing of the member or the care. */
const OUTCOME_FIELDS = new Set([
  'level',
  'time',
  'service',
  'context',
  'msg',
  'claim_id',
  'payout_id',
  'status',
  'payout_status',
  'reason',
  'decision_seconds',
  'trace_id',
  'span_id',
]);

/**
 * The claims service's decision and settlement metrics on /metrics and its outcome log lines, against
 * claims taken through the saga for real: checks answered only when re-asked, a fraud hold confirmed, a
 * payout failing, then settling (twice).
 */
describe('claims metrics and outcome log lines', () => {
  let bed: ClaimsTestBed;
  const log = new CapturedLog();

  beforeAll(async () => {
    bed = await ClaimsTestBed.open('cmet', { CLAIMS_CHECK_DEADLINE_MS: '300', CLAIMS_CHECK_DEADLINE_MAX_MS: '2000' });
    bed.app.useLogger(new NestPinoLogger(createLogger('claims', { level: 'info', destination: log })));
    // Every submitted event is "lost": each check answers only the saga's re-ask.
    playCheckingServices(bed, { answerSubmitted: false, holdMembers: ['M-HELD'] });
  });
  afterAll(async () => {
    await bed?.close();
  });

  const metrics = async () => scrapeMetrics(await bed.app.getUrl());
  const view = async (id: string): Promise<ClaimView> => {
    const got = await bed.call<ClaimView>(RpcPatterns.getClaim, insurerI1, { id });
    if (!got.ok) throw new Error(got.error.detail);
    return got.value;
  };
  const reachStatus = (id: string, status: string) =>
    waitFor(async () => ((await view(id)).status === status ? view(id) : undefined), {
      what: `claim ${id} to be ${status}`,
      timeoutMs: 20_000,
    });
  const submit = async (memberId: string): Promise<string> => {
    const reply = await bed.call<SubmitClaimResult>(RpcPatterns.submitClaim, clinicP1, aClaim({ memberId }));
    if (!reply.ok) throw new Error(`submit failed: ${reply.error.detail}`);
    return reply.value.id;
  };
  const outcomeLines = () => log.lines().filter((line) => line.context === 'ClaimOutcome');

  let approved: string;
  let denied: string;

  it('counts decisions by status, times them from submission, and counts the re-asked checks', async () => {
    approved = await submit('M-1');
    denied = await submit('M-HELD');
    await reachStatus(approved, 'approved');
    await reachStatus(denied, 'pending_review');
    await bed.publish(Subjects.flagDecided, { claimId: denied, flagId: `F-${denied}`, decision: 'confirm' });
    const deniedView = await reachStatus(denied, 'denied');

    const text = await waitFor(
      async () => {
        const scraped = await metrics();
        return metricSample(scraped, 'claims_decided_total{status="denied"}') === 1 && scraped;
      },
      { what: 'the denial to be counted' },
    );
    expect(metricSample(text, 'claims_decided_total{status="approved"}')).toBe(1);
    expect(metricSample(text, 'claims_decision_duration_seconds_count{status="approved"}')).toBe(1);
    expect(metricSample(text, 'claims_decision_duration_seconds_count{status="denied"}')).toBe(1);
    // Answered only when re-asked, after the first deadline (300 ms) at the earliest.
    const approvedSeconds = metricSample(text, 'claims_decision_duration_seconds_sum{status="approved"}');
    expect(approvedSeconds).toBeGreaterThanOrEqual(0.3);
    expect(approvedSeconds).toBeLessThan(30);
    expect(metricSample(text, 'claims_decision_duration_seconds_bucket{le="0.25",status="approved"}')).toBe(0);
    expect(metricSample(text, 'claims_decision_duration_seconds_bucket{le="+Inf",status="approved"}')).toBe(1);
    // Each check of both claims was asked at least once more.
    for (const check of ALL_CHECKS) {
      expect(metricSample(text, `claims_checks_reasked_total{check="${check}"}`)).toBeGreaterThanOrEqual(2);
    }

    const decided = log.linesSaying('claim decided');
    const byClaim = new Map(decided.map((line) => [line.claim_id, line]));
    expect(decided).toHaveLength(2);
    expect(byClaim.get(approved)).toMatchObject({ level: 'info', status: 'approved', reason: null });
    expect(byClaim.get(denied)).toMatchObject({ status: 'denied', reason: deniedView.denialReason ?? null });
    expect(byClaim.get(approved)?.decision_seconds).toBeGreaterThanOrEqual(0.3);
  });

  it('counts settled claims once each, and writes one line per payout outcome with ids and codes only', async () => {
    const payoutId = `PO-${approved}`;
    await bed.publish(Subjects.payoutFailed, {
      payoutId,
      claimId: approved,
      reason: 'INSUFFICIENT_ESCROW',
      retrying: true,
    });
    await reachStatus(approved, 'payment_failed');
    await bed.publish(Subjects.claimPriced, aPricing(approved, [11000, 3200]));
    await bed.publish(Subjects.payoutRequested, aPayoutRequest(approved, 14200));
    const settled = { payoutId, claimId: approved, txHash: TX, blockNumber: 7, tokenAmount: AMOUNT };
    await bed.publish(Subjects.payoutSettled, settled);
    await reachStatus(approved, 'paid');
    // The same outcome again (the bridge re-publishing it): nothing changes, nothing is counted.
    await bed.publish(Subjects.payoutSettled, settled);
    await bed.consumed(Subjects.payoutSettled);

    const text = await metrics();
    expect(metricSample(text, 'claims_settled_total{status="payment_failed"}')).toBe(1);
    expect(metricSample(text, 'claims_settled_total{status="paid"}')).toBe(1);
    expect(metricSample(text, 'claims_settled_total{status="closed"}')).toBeUndefined();

    const payouts = log.linesSaying('claim payout');
    expect(payouts).toEqual([
      expect.objectContaining({
        claim_id: approved,
        payout_id: payoutId,
        status: 'payment_failed',
        payout_status: 'failed',
        reason: 'INSUFFICIENT_ESCROW',
      }),
      expect.objectContaining({
        claim_id: approved,
        payout_id: payoutId,
        status: 'paid',
        payout_status: 'confirmed',
        reason: null,
      }),
    ]);

    // Nothing of the member or the care in any outcome line: only the fields above.
    const lines = outcomeLines();
    expect(lines.length).toBe(4);
    for (const line of lines) expect(Object.keys(line).filter((key) => !OUTCOME_FIELDS.has(key))).toEqual([]);
    const written = JSON.stringify(lines);
    for (const personal of ['M-1', 'M-HELD', 'J06.9', '99213', 'P-1', TX, AMOUNT])
      expect(written).not.toContain(personal);
  });
});
