import { id } from 'ethers';
import { payloadKey, plannedClaim } from '../workload/claim-mix.js';
import type { CheckResult } from './check.js';
import type { ObservedClaim, Observations } from './observations.js';
import { TOKEN_UNITS_PER_CENT } from './money-checks.js';
import { verifyCampaign } from './verify.js';

const shape = { runId: 't', members: 50, providers: 10 };
const ESCROW = 10n ** 24n;

/** A run where everything went right: n claims accepted, final as designed, settled, nothing left over. */
function aCleanRun(n: number): Observations {
  const planned = Array.from({ length: n }, (_, index) => plannedClaim(index, shape));
  const claims: ObservedClaim[] = planned.map((claim) => ({
    id: `00000000-0000-4000-8000-${String(claim.index).padStart(12, '0')}`,
    status: claim.expected,
    ...claim.body,
    planPays: claim.expectedPlanPays,
    updatedAt: '2026-12-06T00:00:00.000Z',
    ...(claim.expected === 'paid'
      ? { payoutAmount: (BigInt(claim.expectedPlanPays) * TOKEN_UNITS_PER_CENT).toString() }
      : {}),
  }));
  const paid = claims.filter((claim) => claim.status === 'paid');
  const owed = (claim: ObservedClaim) => BigInt(claim.planPays) * TOKEN_UNITS_PER_CENT;
  const total = paid.reduce((sum, claim) => sum + owed(claim), 0n);
  return {
    submissions: planned.map((claim, index) => ({
      index,
      key: claim.key,
      payloadKey: payloadKey(claim.body),
      expected: claim.expected,
      expectedPlanPays: claim.expectedPlanPays,
      acceptedIds: [claims[index].id],
      attempts: 1,
    })),
    claims,
    chain: {
      settledByClaim: Object.fromEntries(claims.map((claim) => [claim.id, claim.status === 'paid' ? owed(claim) : 0n])),
      settledEvents: paid.map((claim) => ({ claimIdHash: id(claim.id), amount: owed(claim), txHash: '0xabc' })),
      escrowBefore: ESCROW,
      escrowAfter: ESCROW - total,
    },
    deadLetters: [],
    http: { statuses: { '202': n }, serverErrors: [], unavailableWithoutRetryAfter: 0, retries: 0, replays: 0 },
  };
}

const failed = (results: CheckResult[]) => results.filter((result) => !result.passed).map((result) => result.name);
const result = (results: CheckResult[], name: string) => results.find((r) => r.name === name)!;

describe('verifying a campaign', () => {
  it('passes every check when every claim went through once and was settled as owed', () => {
    const results = verifyCampaign(aCleanRun(40));
    expect(failed(results)).toEqual([]);
    expect(result(results, 'settled-total').summary).toContain('Σ planPays 345600 cents');
  });

  it('lists claims stuck after the decision by status, with their ids', () => {
    const run = aCleanRun(40);
    run.claims[0].status = 'approved';
    run.claims[1].status = 'approved';
    run.claims[2].status = 'payment_failed';
    run.chain.settledByClaim[run.claims[0].id] = 0n;
    const final = result(verifyCampaign(run), 'every-claim-final');
    expect(final.passed).toBe(false);
    expect(final.summary).toBe('37 of 40 final');
    expect(final.details[0]).toMatch(/^2 stuck in approved: 0{8}-0{4}-4000-8000-0{12} \(since/);
    expect(final.details[1]).toMatch(/^1 stuck in payment_failed/);
  });

  it('fails when a key retried after a 503 was answered with two claim ids', () => {
    const run = aCleanRun(5);
    run.submissions[3].acceptedIds.push('ffffffff-0000-4000-8000-000000000000');
    const results = verifyCampaign(run);
    expect(failed(results)).toContain('one-id-per-key');
    expect(result(results, 'one-id-per-key').details[0]).toContain(`key ${run.submissions[3].key} was answered with 2`);
    expect(failed(results)).toContain('claims-exist-once');
  });

  it('fails when one submission exists twice in the list', () => {
    const run = aCleanRun(5);
    run.claims.push({ ...run.claims[2], id: 'eeeeeeee-0000-4000-8000-000000000000', status: 'denied', planPays: 0 });
    run.chain.settledByClaim['eeeeeeee-0000-4000-8000-000000000000'] = 0n;
    const exists = result(verifyCampaign(run), 'claims-exist-once');
    expect(exists.passed).toBe(false);
    expect(exists.details[0]).toMatch(/^2 claims for one submission \(M-CHAOS-2\|P-CHAOS-2\|2025-01-02\)/);
  });

  it('fails when a client gave up on a claim, saying why', () => {
    const run = aCleanRun(5);
    run.submissions[1].acceptedIds = [];
    run.submissions[1].gaveUp = 'still 503 after 300 s';
    run.claims.splice(1, 1);
    const accepted = result(verifyCampaign(run), 'every-claim-accepted');
    expect(accepted.passed).toBe(false);
    expect(accepted.details).toEqual(['1 never accepted (still 503 after 300 s): keys chaos-t-1']);
  });

  it('fails when a paid claim was settled for another amount, or an unpaid one was settled', () => {
    const run = aCleanRun(20);
    run.chain.settledByClaim[run.claims[0].id] = 1n;
    run.chain.settledByClaim[run.claims[7].id] = 5n;
    const settled = result(verifyCampaign(run), 'settled-per-claim');
    expect(settled.passed).toBe(false);
    expect(settled.details.join('\n')).toContain('1 paid claims settled wrong');
    expect(settled.details.join('\n')).toContain('1 claims not paid but settled on chain');
  });

  it('fails when the chain holds more than the plan owes, or a claim settled twice', () => {
    const run = aCleanRun(3);
    run.chain.settledEvents.push({ ...run.chain.settledEvents[0] });
    const total = result(verifyCampaign(run), 'settled-total');
    expect(total.passed).toBe(false);
    expect(total.details[0]).toMatch(
      /^Σ settled on chain \d+ ≠ Σ planPays × 10\^16 \d+ \(off by 96000000000000000000\)/,
    );
    expect(total.details[1]).toMatch(/1 claims settled more than once/);
  });

  it('fails when the escrow went down by more than was settled', () => {
    const run = aCleanRun(3);
    run.chain.escrowAfter -= 1n;
    expect(result(verifyCampaign(run), 'escrow-debit').details).toEqual([
      'escrow went down by 288000000000000000001, Σ planPays × 10^16 is 288000000000000000000 (off by 1)',
    ]);
  });

  it('lists dead letters by subject and consumer with the error and the claims', () => {
    const run = aCleanRun(3);
    const letter = {
      id: 1,
      subject: 'claims.claim.decided.v1',
      consumer: 'billing__claims_claim_decided_v1',
      reason: 'MAX_DELIVER',
      error: 'connect ECONNREFUSED 127.0.0.1:5433',
      deliveryCount: 5,
      at: '2026-12-06T00:00:00Z',
    };
    run.deadLetters = [
      { ...letter, claimId: 'c-1' },
      { ...letter, claimId: 'c-2' },
    ];
    const letters = result(verifyCampaign(run), 'no-dead-letters');
    expect(letters.passed).toBe(false);
    expect(letters.details).toEqual([
      '2 dead letters from claims.claim.decided.v1 (consumer billing__claims_claim_decided_v1): 2× "MAX_DELIVER: connect ECONNREFUSED 127.0.0.1:5433"; claims c-1, c-2',
    ]);
  });

  it('fails on any 500, naming the fault under way and the requests', () => {
    const run = aCleanRun(3);
    run.http.statuses['500'] = 2;
    run.http.serverErrors = [1, 2].map((n) => ({
      atMs: n,
      status: 500,
      key: `k${n}`,
      detail: 'unexpected error',
      requestId: `req-${n}`,
      duringFault: '#2 PostgreSQL stopped (immediate), started after 5.0 s',
    }));
    const errors = result(verifyCampaign(run), 'no-http-500');
    expect(errors.passed).toBe(false);
    expect(errors.summary).toBe('2 answers 500 of 5');
    expect(errors.details).toEqual([
      '2× 500 during #2 PostgreSQL stopped (immediate), started after 5.0 s: unexpected error; e.g. requests req-1, req-2',
    ]);
  });

  it('tells a claim denied by an outage from one denied by design', () => {
    const run = aCleanRun(3);
    run.claims[0] = { ...run.claims[0], status: 'denied', planPays: 0, denialReason: 'CONSENT_MISSING' };
    run.chain.settledByClaim[run.claims[0].id] = 0n;
    run.chain.settledEvents.shift();
    run.chain.escrowAfter = run.chain.escrowBefore - 2n * 9_600n * TOKEN_UNITS_PER_CENT;
    const results = verifyCampaign(run);
    expect(failed(results)).toEqual(['outcomes-as-designed']);
    expect(result(results, 'outcomes-as-designed').details[0]).toMatch(/^1 designed paid → denied CONSENT_MISSING: /);
  });

  it('fails a claim paid on chain whose priced amounts never reached it (planPays 0 in the API)', () => {
    const run = aCleanRun(3);
    run.claims[0] = { ...run.claims[0], planPays: 0 };
    const results = verifyCampaign(run);
    expect(result(results, 'outcomes-as-designed').details[0]).toMatch(/^1 paid with planPays 0, designed 9600: /);
    expect(result(results, 'settled-per-claim').details.join('\n')).toContain('1 paid claims with nothing to pay');
    expect(failed(results)).toEqual(['outcomes-as-designed', 'settled-per-claim', 'settled-total', 'escrow-debit']);
  });
});
