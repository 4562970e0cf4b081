import { Subjects } from '#libs/contracts';
import { waitFor } from '#libs/testing';
import { startApiStack, type ApiStack } from './support/api-stack.js';
import { publishAs } from './support/bus-stand-in.js';
import { call } from './support/http.js';
import { aMember, aPlan, addressOf, SetUpClient } from './support/set-up-builders.js';

interface PricedLine {
  code: string;
  status: string;
  allowed: number;
  deductible: number;
  copay: number;
  coinsurance: number;
  planPays: number;
  patientPays: number;
  balanceBill: number;
  providerWriteOff: number;
  preauth?: string;
}
const AMOUNTS = [
  'allowed',
  'deductible',
  'copay',
  'coinsurance',
  'planPays',
  'patientPays',
  'balanceBill',
  'providerWriteOff',
] as const;
const amountsOf = (lines: PricedLine[]) => lines.map((line) => [line.code, ...AMOUNTS.map((field) => line[field])]);

const today = new Date().toISOString().slice(0, 10);
const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
// An office visit (copay), a blood count (deductible) and a metabolic panel that needs pre-authorisation.
const LINES = [
  { code: '99213', units: 1, charge: 15_000 },
  { code: '85025', units: 1, charge: 60_000 },
  { code: '80053', units: 1, charge: 50_000 },
];

/**
 * The billing journey through the real gateway, claims, underwriting and billing processes: set-up,
 * an estimate with pre-authorisation, then claims with the same lines. This test stands in for fraud
 * screening and the ledger bridge's verification on the bus (score 0, verified).
 */
describe('billing API: an estimate, then claims priced exactly as estimated', () => {
  let stack: ApiStack;
  let clinic: string;
  let insurer: SetUpClient;

  beforeAll(async () => {
    stack = await startApiStack('apibill', {}, ['claims', 'underwriting', 'billing']);
    clinic = await stack.token({ role: 'clinic', org: 'P-1' });
    const admin = new SetUpClient(stack.gatewayUrl, await stack.token({ role: 'admin' }));
    insurer = new SetUpClient(stack.gatewayUrl, await stack.token({ role: 'insurer', org: 'I-BILL' }));
    await admin.expect(201, 'POST', '/v1/insurers', { id: 'I-BILL', name: 'Billing Health', address: addressOf(31) });
    await admin.expect(201, 'POST', '/v1/providers', { id: 'P-1', name: 'Clinic One', address: addressOf(32) });
    await insurer.expect(201, 'POST', '/v1/plans', aPlan('PLAN-BILL'));
    await insurer.expect(201, 'POST', '/v1/members', aMember('M-BILL', 'PLAN-BILL'));
    await insurer.expect(200, 'PUT', '/v1/fee-schedule', {
      entries: [
        { code: '99213', amount: 10_000 },
        { code: '85025', amount: 20_000 },
        { code: '80053', amount: 40_000 },
      ],
    });
    await insurer.expect(200, 'PUT', '/v1/network/P-1', { status: 'in' });
  });
  afterAll(() => stack?.stop());

  /** Submits a claim, answers fraud and the ledger for it, and returns billing's pricing of it. */
  async function pricedClaim(serviceDate: string, estimateId: string): Promise<{ id: string; lines: PricedLine[] }> {
    const body = {
      memberId: 'M-BILL',
      providerId: 'P-1',
      serviceDate,
      diagnosisCodes: ['Z00.00'],
      lines: LINES,
      estimateId,
    };
    const accepted = await call('POST', `${stack.gatewayUrl}/v1/claims`, { token: clinic, body });
    expect(accepted.status).toBe(202);
    const claimId = String(accepted.body.id);
    await publishAs(stack.namespace, Subjects.screeningCompleted, { claimId, score: 0, held: false, flagId: null });
    await publishAs(stack.namespace, Subjects.recordsVerified, { claimId, verified: true, reason: null });
    const [row] = await waitFor(
      async () => {
        const rows = await stack.sql('billing', `SELECT priced FROM claim_pricings WHERE claim_id = $1`, [claimId]);
        return rows.length > 0 ? rows : undefined;
      },
      { what: `claim ${claimId} to be priced`, timeoutMs: 30_000 },
    );
    return { id: claimId, lines: (row.priced as { lines: PricedLine[] }).lines };
  }

  it('prices the claim exactly as estimated, then sees the deductible met on the next claim', async () => {
    // Billing learns the plan from underwriting's event: until then an estimate is a 503 to retry.
    const estimate = await waitFor(
      async () => {
        const response = await call('POST', `${stack.gatewayUrl}/v1/estimates`, {
          token: clinic,
          body: { memberId: 'M-BILL', providerId: 'P-1', plannedDate: today, preauthorization: true, lines: LINES },
        });
        if (response.status !== 201 && !response.text.includes('not known to billing yet'))
          throw new Error(`${response.status}: ${response.text}`);
        return response.status === 201 ? response.body : undefined;
      },
      { what: 'an estimate', timeoutMs: 20_000 },
    );
    const estimated = estimate.lines as PricedLine[];
    expect(estimated.map((line) => line.preauth)).toEqual(['not_required', 'not_required', 'approved']);
    expect(estimate).toMatchObject({
      network: 'in',
      currency: 'USD',
      totals: { charge: 125_000, allowed: 70_000, planPays: 15_500, patientPays: 54_500 },
      accumulators: { year: Number(today.slice(0, 4)), deductibleRemaining: 50_000, oopRemaining: 400_000 },
    });
    await waitFor(
      async () =>
        (
          await stack.sql('underwriting', `SELECT 1 FROM estimate_preauthorizations WHERE estimate_id = $1`, [
            estimate.id,
          ])
        ).length > 0,
      { what: 'underwriting to know the pre-authorisation' },
    );

    const first = await pricedClaim(today, String(estimate.id));
    expect(amountsOf(first.lines)).toEqual(amountsOf(estimated));
    // The claim as the API shows it: the same amounts and totals, and the payout requested in tokens.
    const shown = await waitFor(
      async () => {
        const got = await call('GET', `${stack.gatewayUrl}/v1/claims/${first.id}`, { token: clinic });
        const totals = got.body.totals as { allowed: number } | undefined;
        return got.body.payout && totals?.allowed ? got.body : undefined;
      },
      { what: 'the claim to show its pricing and payout' },
    );
    expect(shown).toMatchObject({ status: 'approved', currency: 'USD', totals: estimate.totals });
    const pick = (lines: { code: string; allowed: number; planPays: number; patientPays: number }[]) =>
      lines.map(({ code, allowed, planPays, patientPays }) => ({ code, allowed, planPays, patientPays }));
    expect(pick(shown.lines as PricedLine[])).toEqual(pick(estimated));
    const planPays = BigInt((estimate.totals as { planPays: number }).planPays);
    expect(shown.payout).toEqual({ status: 'pending', amount: String(planPays * 10n ** 16n), token: 'HCET' });

    const second = await pricedClaim(tomorrow, String(estimate.id));
    expect(second.lines.map((line) => line.deductible)).toEqual([0, 0, 0]);
    expect(second.lines.map((line) => line.planPays)).toEqual([7_500, 16_000, 32_000]);

    const read = await call('GET', `${stack.gatewayUrl}/v1/estimates/${String(estimate.id)}`, { token: insurer.token });
    expect(read.status).toBe(200);
    const listed = await call('GET', `${stack.gatewayUrl}/v1/estimates?memberId=M-BILL`, {
      token: await stack.token({ role: 'patient', patient: 'M-BILL' }),
    });
    expect((listed.body.items as { id: string }[]).map((item) => item.id)).toEqual([estimate.id]);
    const other = await call('GET', `${stack.gatewayUrl}/v1/estimates/${String(estimate.id)}`, {
      token: await stack.token({ role: 'clinic', org: 'P-2' }),
    });
    expect(other.status).toBe(404);
  });

  it('answers eight identical fee schedule replacements sent at once each with 200 and the schedule', async () => {
    const entries = [
      { code: '99213', amount: 10_000 },
      { code: '85025', amount: 20_000 },
      { code: '80053', amount: 40_000 },
    ];
    const replies = await Promise.all(
      Array.from({ length: 8 }, () => insurer.send('PUT', '/v1/fee-schedule', { entries })),
    );
    expect(replies.map((reply) => reply.status)).toEqual(Array(8).fill(200));
    for (const reply of replies) expect(reply.body).toMatchObject({ insurerId: 'I-BILL', entries });
    const stored = await stack.sql(
      'billing',
      `SELECT count(*)::int AS n FROM fee_schedule_entries WHERE insurer_id = $1`,
      ['I-BILL'],
    );
    expect(stored).toEqual([{ n: 3 }]);
  });
});
