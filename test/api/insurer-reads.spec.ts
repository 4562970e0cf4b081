import { waitFor } from '#libs/testing';
import { startApiStack, type ApiStack } from './support/api-stack.js';
import { aClaim } from './support/http.js';
import { aMember, aPlan, addressOf, SetUpClient } from './support/set-up-builders.js';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
interface Totals {
  status: string;
  currency: string | null;
  count: number;
  billed: number;
  allowed: number;
  planPays: number;
  patientPays: number;
}
interface Claim {
  status: string;
  currency: string | null;
  totals: { charge: number; allowed: number; planPays: number; patientPays: number };
}

const TODAY = new Date().toISOString().slice(0, 10);

/**
 * Issue 15's reads through the real gateway, underwriting and claims processes: an insurer pages its own
 * plans and members (names opened from their sealed columns), another insurer sees none of them, and the
 * claims summary equals the claims list summed, to the cent.
 */
describe('insurer reads API: plans, members, claims by status', () => {
  let stack: ApiStack;
  let insurer: SetUpClient;
  let otherInsurer: SetUpClient;
  let clinic: SetUpClient;

  /** Every page of a list, `limit` at a time. */
  async function everyPage<T>(client: SetUpClient, path: string, limit: number): Promise<T[][]> {
    const pages: T[][] = [];
    let cursor: string | null = null;
    do {
      const query: string = `limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = (await client.expect(200, 'GET', `${path}${path.includes('?') ? '&' : '?'}${query}`)) as unknown;
      pages.push((page as Page<T>).items);
      cursor = (page as Page<T>).nextCursor;
    } while (cursor);
    return pages;
  }

  beforeAll(async () => {
    stack = await startApiStack('apiir', {}, ['underwriting', 'claims']);
    const as = async (claims: Parameters<ApiStack['token']>[0]) =>
      new SetUpClient(stack.gatewayUrl, await stack.token(claims));
    const admin = await as({ role: 'admin' });
    insurer = await as({ role: 'insurer', org: 'I-IR' });
    otherInsurer = await as({ role: 'insurer', org: 'I-IR2' });
    clinic = await as({ role: 'clinic', org: 'P-1' });
    await admin.expect(201, 'POST', '/v1/insurers', { id: 'I-IR', name: 'Reads Health', address: addressOf(1) });
    await admin.expect(201, 'POST', '/v1/insurers', { id: 'I-IR2', name: 'Other Health', address: addressOf(2) });
    for (const id of ['PLAN-IR1', 'PLAN-IR2', 'PLAN-IR3']) await insurer.expect(201, 'POST', '/v1/plans', aPlan(id));
    await otherInsurer.expect(201, 'POST', '/v1/plans', aPlan('PLAN-IR9'));
    for (const [id, planId] of [
      ['M-IR1', 'PLAN-IR1'],
      ['M-IR2', 'PLAN-IR1'],
      ['M-IR3', 'PLAN-IR2'],
    ]) {
      await insurer.expect(201, 'POST', '/v1/members', aMember(id, planId, { name: `Reader ${id}` }));
    }
    await insurer.expect(200, 'PATCH', '/v1/members/M-IR3', { status: 'cancelled' });
    await otherInsurer.expect(201, 'POST', '/v1/members', aMember('M-IR9', 'PLAN-IR9'));
  }, 120_000);
  afterAll(() => stack?.stop());

  it('pages the insurer’s own plans and members, newest first, each once', async () => {
    const plans = await everyPage<{ id: string; insurerId: string }>(insurer, '/v1/plans', 2);
    expect(plans.map((page) => page.map((plan) => plan.id))).toEqual([['PLAN-IR3', 'PLAN-IR2'], ['PLAN-IR1']]);
    const members = await everyPage<{ id: string; name: string; status: string }>(insurer, '/v1/members', 2);
    expect(members.flat().map((member) => [member.id, member.name, member.status])).toEqual([
      ['M-IR3', 'Reader M-IR3', 'cancelled'],
      ['M-IR2', 'Reader M-IR2', 'active'],
      ['M-IR1', 'Reader M-IR1', 'active'],
    ]);
    const onPlan1 = (await insurer.expect(200, 'GET', '/v1/members?planId=PLAN-IR1&status=active')) as unknown;
    expect((onPlan1 as Page<{ id: string }>).items.map((member) => member.id)).toEqual(['M-IR2', 'M-IR1']);
  });

  it('shows another insurer none of them: its lists hold its own, and the ids answer 404', async () => {
    const plans = (await otherInsurer.expect(200, 'GET', '/v1/plans')) as unknown;
    expect((plans as Page<{ id: string }>).items.map((plan) => plan.id)).toEqual(['PLAN-IR9']);
    const members = (await otherInsurer.expect(200, 'GET', '/v1/members?planId=PLAN-IR1')) as unknown;
    expect(members).toEqual({ items: [], nextCursor: null });
    for (const path of ['/v1/plans/PLAN-IR1', '/v1/members/M-IR1']) {
      const other = await otherInsurer.send('GET', path);
      const missing = await otherInsurer.send('GET', path.replace(/IR1$/, 'NONE'));
      expect(other.status).toBe(404);
      expect([other.body.type, other.body.detail]).toEqual([missing.body.type, missing.body.detail]);
    }
    expect((await insurer.send('GET', '/v1/members/M-IR1')).body).toMatchObject({ id: 'M-IR1', name: 'Reader M-IR1' });
  });

  it('totals the insurer’s claims by status exactly as the list adds up', async () => {
    // The claims service learns the members' insurer from underwriting's events: intake stamps it from there.
    await waitFor(
      async () => {
        const rows = await stack.sql(
          'claims',
          `SELECT count(*)::int AS known FROM member_insurers WHERE member_id IN ('M-IR1', 'M-IR2')`,
        );
        return rows[0]?.known === 2;
      },
      { timeoutMs: 30_000, what: 'the claims service to know the members’ insurer' },
    );
    const charges = [10_001, 333, 99_999, 12_345];
    for (const [index, charge] of charges.entries()) {
      await clinic.expect(
        202,
        'POST',
        '/v1/claims',
        aClaim({
          memberId: index % 2 ? 'M-IR1' : 'M-IR2',
          lines: [
            { code: '99213', units: 1, charge },
            { code: '87880', units: 1, charge: charge + 7 },
          ],
        }),
      );
    }
    // Claims move on while they are read (coverage decides some at once): compare a summary with the list
    // read just before and just after it, when both read the same.
    const listAll = async () => (await everyPage<Claim>(insurer, '/v1/claims', 3)).flat();
    const { claims, summary } = await waitFor(
      async () => {
        const before = await listAll();
        const read = (await insurer.expect(200, 'GET', '/v1/claims/summary')) as unknown as { items: Totals[] };
        const after = await listAll();
        const still = before.length === charges.length && JSON.stringify(before) === JSON.stringify(after);
        return still && { claims: after, summary: read };
      },
      { timeoutMs: 30_000, what: 'the insurer’s claims to hold still for one read' },
    );
    const summed = new Map<string, Totals>();
    for (const claim of claims) {
      const key = `${claim.status}|${claim.currency ?? ''}`;
      const entry = summed.get(key) ?? {
        status: claim.status,
        currency: claim.currency,
        count: 0,
        billed: 0,
        allowed: 0,
        planPays: 0,
        patientPays: 0,
      };
      entry.count += 1;
      entry.billed += claim.totals.charge;
      entry.allowed += claim.totals.allowed;
      entry.planPays += claim.totals.planPays;
      entry.patientPays += claim.totals.patientPays;
      summed.set(key, entry);
    }
    const inOrder = (entries: Totals[]) =>
      [...entries].sort((a, b) => `${a.status}|${a.currency}`.localeCompare(`${b.status}|${b.currency}`));
    expect(inOrder(summary.items)).toEqual(inOrder([...summed.values()]));
    expect(summary.items.reduce((total, entry) => total + entry.billed, 0)).toBe(
      charges.reduce((total, charge) => total + 2 * charge + 7, 0),
    );
    // Today holds every claim (statuses may have moved on since, the count and the charges not).
    const today = (await insurer.expect(200, 'GET', `/v1/claims/summary?from=${TODAY}&to=${TODAY}`)) as unknown as {
      items: Totals[];
    };
    expect(today.items.reduce((total, entry) => [total[0] + entry.count, total[1] + entry.billed], [0, 0])).toEqual([
      charges.length,
      charges.reduce((total, charge) => total + 2 * charge + 7, 0),
    ]);
    expect(await insurer.expect(200, 'GET', '/v1/claims/summary?to=2000-01-01')).toEqual({ items: [] });
    expect(await otherInsurer.expect(200, 'GET', '/v1/claims/summary')).toEqual({ items: [] });
  });

  it('refuses bad filters with a 400 naming the field', async () => {
    for (const [path, field] of [
      ['/v1/members?status=lapsed', 'status'],
      ['/v1/members?cursor=forged', 'cursor'],
      ['/v1/plans?cursor=forged', 'cursor'],
      ['/v1/claims/summary?from=2026-02-30', 'from'],
      ['/v1/claims/summary?from=2026-03-02&to=2026-03-01', 'to'],
    ]) {
      const response = await insurer.send('GET', path);
      expect([path, response.status, (response.body.errors as { field: string }[]).map((e) => e.field)]).toEqual([
        path,
        400,
        [field],
      ]);
    }
  });
});
