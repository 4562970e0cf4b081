import {
  RpcPatterns,
  type ClaimsSummaryResult,
  type ClaimView,
  type ListClaimsResult,
  type Principal,
  type StatusTotals,
  type SubmitClaimResult,
} from '#libs/contracts';
import { aClaim, clinicP1, clinicP2, insurerI1, patientM1 } from './support/claim-builders.js';
import { ClaimsTestBed } from './support/claims-test-bed.js';

const analystI1: Principal = { sub: 'analyst-user', role: 'analyst', org: 'INS-1' };
const insurerI2: Principal = { sub: 'other-insurer-user', role: 'insurer', org: 'INS-2' };

/** What a reader of the list would add up by hand: per status and currency, from every page. */
function totalsOfList(claims: ClaimView[]): StatusTotals[] {
  const groups = new Map<string, StatusTotals>();
  for (const claim of claims) {
    const key = `${claim.status}|${claim.currency ?? ''}`;
    const group = groups.get(key) ?? {
      status: claim.status,
      currency: claim.currency,
      count: 0,
      billed: 0,
      allowed: 0,
      planPays: 0,
      patientPays: 0,
    };
    group.count += 1;
    group.billed += claim.totals.charge;
    group.allowed += claim.totals.allowed;
    group.planPays += claim.totals.planPays;
    group.patientPays += claim.totals.patientPays;
    groups.set(key, group);
  }
  return [...groups.values()];
}

const byStatusAndCurrency = (a: StatusTotals, b: StatusTotals) =>
  `${a.status}|${a.currency ?? ''}`.localeCompare(`${b.status}|${b.currency ?? ''}`);

describe('claims totalled by status', () => {
  let bed: ClaimsTestBed;
  const ids: string[] = [];

  async function submit(principal: Principal, overrides: Parameters<typeof aClaim>[0] = {}): Promise<string> {
    const reply = await bed.call<SubmitClaimResult>(RpcPatterns.submitClaim, principal, aClaim(overrides));
    if (!reply.ok) throw new Error(`submit failed: ${reply.error.detail}`);
    return reply.value.id;
  }

  async function everyClaim(principal: Principal): Promise<ClaimView[]> {
    const claims: ClaimView[] = [];
    let cursor: string | null = null;
    do {
      const page: ListClaimsResult = await bed.must(RpcPatterns.listClaims, principal, {
        limit: 3,
        ...(cursor ? { cursor } : {}),
      });
      claims.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return claims;
  }

  const summary = (principal: Principal, query: Record<string, unknown> = {}) =>
    bed.must<ClaimsSummaryResult>(RpcPatterns.claimsSummary, principal, query);

  /** Decides a claim as the saga would have: its status, currency and each line's odd-cent amounts. */
  async function decide(id: string, status: string, currency: string, seed: number): Promise<void> {
    await bed.dataSource.query(`UPDATE claims SET status = $2, currency = $3 WHERE id = $1`, [id, status, currency]);
    await bed.dataSource.query(
      `UPDATE claim_lines SET status = 'approved', allowed = charge - $2, plan_pays = (charge - $2) * 7 / 10 + $3,
         patient_pays = (charge - $2) - ((charge - $2) * 7 / 10 + $3) WHERE claim_id = $1`,
      [id, 101 + seed, seed % 7],
    );
  }

  beforeAll(async () => {
    // The checking services stay silent: every claim waits where the test puts it.
    bed = await ClaimsTestBed.open('csum');
    await bed.dataSource.query(
      `INSERT INTO member_insurers (member_id, insurer_id) VALUES ('M-1', 'INS-1'), ('M-2', 'INS-1')`,
    );
    for (let i = 0; i < 7; i++) {
      ids.push(await submit(clinicP1, { lines: [{ code: '99213', units: 1, charge: 10_001 + i * 333 }] }));
    }
    ids.push(await submit(clinicP2, { providerId: 'P-2', memberId: 'M-2' }));
    await decide(ids[0], 'approved', 'USD', 1);
    await decide(ids[1], 'approved', 'USD', 2);
    await decide(ids[2], 'paid', 'USD', 3);
    await decide(ids[3], 'approved', 'EUR', 4);
    await bed.dataSource.query(`UPDATE claims SET status = 'pending_review' WHERE id = $1`, [ids[4]]);
    await bed.dataSource.query(`UPDATE claims SET status = 'denied', denial_reason = 'NOT_ELIGIBLE' WHERE id = $1`, [
      ids[5],
    ]);
    // Submitted on days of their own, for the date filter.
    await bed.dataSource.query(`UPDATE claims SET submitted_at = '2026-03-01T23:59:59.999Z' WHERE id = $1`, [ids[0]]);
    await bed.dataSource.query(`UPDATE claims SET submitted_at = '2026-03-02T00:00:00.000Z' WHERE id = $1`, [ids[1]]);
    await bed.dataSource.query(`UPDATE claims SET submitted_at = '2026-03-31T23:59:59.999Z' WHERE id = $1`, [ids[2]]);
    await bed.dataSource.query(`UPDATE claims SET submitted_at = '2026-04-01T00:00:00.000Z' WHERE id = $1`, [ids[3]]);
  });
  afterAll(async () => {
    await bed?.close();
  });

  it('equals summing every page of the list to the cent, for the insurer and for a clinic', async () => {
    for (const principal of [insurerI1, clinicP1, clinicP2]) {
      const totals = (await summary(principal)).items;
      expect([...totals].sort(byStatusAndCurrency)).toEqual(
        totalsOfList(await everyClaim(principal)).sort(byStatusAndCurrency),
      );
    }
    const insurer = (await summary(insurerI1)).items;
    expect(insurer.reduce((sum, entry) => sum + entry.count, 0)).toBe(8);
    // Two currencies are never added up; undecided claims have none.
    expect(insurer.filter((entry) => entry.status === 'approved').map((entry) => entry.currency)).toEqual([
      'EUR',
      'USD',
    ]);
    expect(insurer.find((entry) => entry.status === 'in_review')).toMatchObject({ currency: null, allowed: 0 });
  });

  it('keeps the order a claim goes through, and shows a clinic held claims as in review', async () => {
    const insurer = (await summary(insurerI1)).items.map((entry) => entry.status);
    expect(insurer).toEqual(['in_review', 'pending_review', 'approved', 'approved', 'denied', 'paid']);
    const clinic = (await summary(clinicP1)).items;
    expect(clinic.map((entry) => entry.status)).not.toContain('pending_review');
    // The one held and the one still in review, together.
    expect(clinic.find((entry) => entry.status === 'in_review')).toMatchObject({ count: 2, currency: null });
  });

  it('counts only claims submitted on the days asked, both inclusive, in UTC', async () => {
    const march = (await summary(insurerI1, { from: '2026-03-02', to: '2026-03-31' })).items;
    expect(march.map((entry) => [entry.status, entry.currency, entry.count])).toEqual([
      ['approved', 'USD', 1],
      ['paid', 'USD', 1],
    ]);
    const listed = (await everyClaim(insurerI1)).filter((claim) => [ids[1], ids[2]].includes(claim.id));
    expect([...march].sort(byStatusAndCurrency)).toEqual(totalsOfList(listed).sort(byStatusAndCurrency));
    expect((await summary(insurerI1, { to: '2026-03-01' })).items).toEqual([
      expect.objectContaining({ status: 'approved', currency: 'USD', count: 1 }),
    ]);
    expect((await summary(insurerI1, { from: '2026-04-01', to: '2026-04-01' })).items).toEqual([
      expect.objectContaining({ status: 'approved', currency: 'EUR', count: 1 }),
    ]);
  });

  it('totals nothing of another insurer’s, and refuses patients, analysts and admins', async () => {
    expect(await summary(insurerI2)).toEqual({ items: [] });
    for (const principal of [patientM1, analystI1, { sub: 'ops', role: 'admin' } as Principal]) {
      expect(await bed.call(RpcPatterns.claimsSummary, principal, {})).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
  });

  it('names a bad date, and a `to` before `from`', async () => {
    for (const [query, field] of [
      [{ from: '2026-02-30' }, 'from'],
      [{ to: 'yesterday' }, 'to'],
      [{ from: '2026-03-02', to: '2026-03-01' }, 'to'],
    ] as const) {
      expect(await bed.call(RpcPatterns.claimsSummary, insurerI1, query)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', errors: [{ field }] },
      });
    }
  });
});
