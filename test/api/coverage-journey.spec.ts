import { waitFor } from '#libs/testing';
import { startApiStack, type ApiStack } from './support/api-stack.js';
import { aClaim, call } from './support/http.js';
import { aMember, aPlan, addressOf, SetUpClient } from './support/set-up-builders.js';

interface ClaimLine {
  code: string;
  status: string;
  reason?: string;
}
interface ClaimBody {
  status: string;
  currency: string | null;
  denialReason?: string;
  lines: ClaimLine[];
}

/**
 * DOMAIN.md's coverage decision through the real gateway, claims and underwriting processes: a
 * covered line for an active member, and a claim built for each reason code, denied with that
 * reason on its line (a claim whose lines are all denied is denied at once; fraud screening and
 * the ledger are not built yet, so a covered claim stays in review).
 *
 * Reference data is underwriting's seed: 99213 has an MUE of 1; 93000/93010 is an NCCI pair with
 * modifier indicator 0; ZZ999 is well-formed but unknown.
 */
describe('coverage API: a claim’s lines are decided by the member’s plan and the code edits', () => {
  let stack: ApiStack;
  let clinic: string;
  let insurer: SetUpClient;

  beforeAll(async () => {
    stack = await startApiStack('apicov', {}, ['claims', 'underwriting', 'billing']);
    clinic = await stack.token({ role: 'clinic', org: 'P-1' });
    const admin = new SetUpClient(stack.gatewayUrl, await stack.token({ role: 'admin' }));
    insurer = new SetUpClient(stack.gatewayUrl, await stack.token({ role: 'insurer', org: 'I-COV' }));
    await admin.expect(201, 'POST', '/v1/insurers', { id: 'I-COV', name: 'Coverage Health', address: addressOf(21) });
    // Covers office visits, labs, diagnostics and therapy; excludes 99205; 80053 needs pre-authorisation.
    await insurer.expect(201, 'POST', '/v1/plans', aPlan('PLAN-COV'));
    await insurer.expect(201, 'POST', '/v1/plans', aPlan('PLAN-COV-WAIT', { waitingPeriodDays: 60 }));
    await insurer.expect(201, 'POST', '/v1/members', aMember('M-ACTIVE', 'PLAN-COV'));
    await insurer.expect(
      201,
      'POST',
      '/v1/members',
      aMember('M-ENDED', 'PLAN-COV', { coverageStart: '2025-01-01', coverageEnd: '2025-12-31' }),
    );
    await insurer.expect(201, 'POST', '/v1/members', aMember('M-CANCELLED', 'PLAN-COV'));
    await insurer.expect(
      201,
      'POST',
      '/v1/members',
      aMember('M-WAITING', 'PLAN-COV-WAIT', { coverageStart: '2026-03-01' }),
    );
  });
  afterAll(() => stack?.stop());

  async function submit(memberId: string, serviceDate: string, lines: Record<string, unknown>[]): Promise<string> {
    const accepted = await call('POST', `${stack.gatewayUrl}/v1/claims`, {
      token: clinic,
      body: aClaim({ memberId, serviceDate, lines }),
    });
    expect(accepted.status).toBe(202);
    return String(accepted.body.id);
  }

  /** The claim once `done` holds for it, as the insurer reads it through the gateway. */
  async function claimWhen(id: string, done: (claim: ClaimBody) => boolean, what: string): Promise<ClaimBody> {
    return waitFor(
      async () => {
        const got = await call('GET', `${stack.gatewayUrl}/v1/claims/${id}`, { token: insurer.token });
        const claim = got.body as unknown as ClaimBody;
        return got.status === 200 && done(claim) ? claim : undefined;
      },
      { what },
    );
  }

  const decided = (id: string) => claimWhen(id, (claim) => claim.status === 'denied', `claim ${id} to be denied`);
  // Coverage tells the claim its plan's currency; a covered line stays pending until the claim is priced.
  const coverageAnswered = (id: string) =>
    claimWhen(id, (claim) => claim.currency !== null, `coverage to answer for claim ${id}`);

  it('covers a line of an active member: the claim stays in review, its line pending, in the plan’s currency', async () => {
    const id = await submit('M-ACTIVE', '2026-03-02', [{ code: '99213', units: 1, charge: 15000 }]);
    const claim = await coverageAnswered(id);
    expect(claim).toMatchObject({ status: 'in_review', currency: 'USD' });
    expect(claim.lines).toEqual([expect.objectContaining({ code: '99213', status: 'pending' })]);
    expect(claim.lines[0]).not.toHaveProperty('reason');
    expect(claim).not.toHaveProperty('denialReason');
  });

  it.each([
    ['NOT_ELIGIBLE', 'a member whose coverage has ended', 'M-ENDED', '2026-03-03', { code: '99213' }],
    ['WAITING_PERIOD', 'a member in the plan’s waiting period', 'M-WAITING', '2026-03-15', { code: '99213' }],
    ['UNKNOWN_CODE', 'a well-formed code not in the procedure table', 'M-ACTIVE', '2026-03-04', { code: 'ZZ999' }],
    ['EXCLUDED', 'a code the plan excludes', 'M-ACTIVE', '2026-03-05', { code: '99205' }],
    ['NOT_COVERED', 'a code whose category the plan does not cover', 'M-ACTIVE', '2026-03-06', { code: '70551' }],
    ['PREAUTH_REQUIRED', 'a code needing pre-authorisation, without one', 'M-ACTIVE', '2026-03-09', { code: '80053' }],
    [
      'MUE_EXCEEDED',
      'more units than the code’s MUE allows a day',
      'M-ACTIVE',
      '2026-03-10',
      { code: '99213', units: 2 },
    ],
  ])('denies %s: %s', async (reason, _case, memberId, serviceDate, line) => {
    const id = await submit(memberId, serviceDate, [{ units: 1, charge: 9000, ...line }]);
    const claim = await decided(id);
    expect(claim.denialReason).toBe(reason);
    expect(claim.lines).toEqual([expect.objectContaining({ code: line.code, status: 'denied', reason })]);
  });

  it('denies NOT_ELIGIBLE for a member the insurer cancelled', async () => {
    await insurer.expect(200, 'PATCH', '/v1/members/M-CANCELLED', { status: 'cancelled' });
    const id = await submit('M-CANCELLED', '2026-03-11', [{ code: '99213', units: 1, charge: 9000 }]);
    const claim = await decided(id);
    expect(claim).toMatchObject({
      denialReason: 'NOT_ELIGIBLE',
      lines: [{ status: 'denied', reason: 'NOT_ELIGIBLE' }],
    });
  });

  it('denies NCCI_UNBUNDLED for a column-2 code billed after its column-1 code on an earlier claim the same day', async () => {
    const earlier = await submit('M-ACTIVE', '2026-03-12', [{ code: '93000', units: 1, charge: 5000 }]);
    expect(await coverageAnswered(earlier)).toMatchObject({ status: 'in_review', lines: [{ status: 'pending' }] });
    // Indicator 0: no modifier bypasses the edit, not even 59.
    const id = await submit('M-ACTIVE', '2026-03-12', [{ code: '93010', units: 1, charge: 2000, modifiers: ['59'] }]);
    const claim = await decided(id);
    expect(claim).toMatchObject({
      denialReason: 'NCCI_UNBUNDLED',
      lines: [{ code: '93010', status: 'denied', reason: 'NCCI_UNBUNDLED' }],
    });
  });

  it('denies only the lines that fail, and keeps the claim in review for the rest', async () => {
    const id = await submit('M-ACTIVE', '2026-03-13', [
      { code: '97530', units: 1, charge: 4000 },
      { code: '97140', units: 1, charge: 3000 },
      { code: '97140', units: 1, charge: 3000, modifiers: ['59'] },
    ]);
    const claim = await claimWhen(id, (c) => c.lines.some((line) => line.status === 'denied'), 'a line to be denied');
    expect(claim.status).toBe('in_review');
    expect(claim.lines.map((line) => [line.code, line.status, line.reason])).toEqual([
      ['97530', 'pending', undefined],
      ['97140', 'denied', 'NCCI_UNBUNDLED'],
      ['97140', 'pending', undefined],
    ]);
  });
});
