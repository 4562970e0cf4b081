import {
  RpcPatterns,
  type ClaimView,
  type ListClaimsResult,
  type Principal,
  type SubmitClaimResult,
} from '#libs/contracts';
import { aClaim, clinicP1, clinicP2, insurerI1, patientM1 } from './support/claim-builders.js';
import { ClaimsTestBed } from './support/claims-test-bed.js';

const admin: Principal = { sub: 'admin-user', role: 'admin' };
const analystI1: Principal = { sub: 'analyst-user', role: 'analyst', org: 'INS-1' };
const insurerI2: Principal = { sub: 'other-insurer-user', role: 'insurer', org: 'INS-2' };

describe('claim lists and ownership', () => {
  let bed: ClaimsTestBed;
  const byP1: string[] = [];
  let byP2: string;

  async function submit(principal: Principal, overrides: Parameters<typeof aClaim>[0] = {}): Promise<string> {
    const reply = await bed.call<SubmitClaimResult>(RpcPatterns.submitClaim, principal, aClaim(overrides));
    if (!reply.ok) throw new Error(`submit failed: ${reply.error.detail}`);
    return reply.value.id;
  }

  async function list(principal: Principal, query: Record<string, unknown> = {}): Promise<ListClaimsResult> {
    const reply = await bed.call<ListClaimsResult>(RpcPatterns.listClaims, principal, query);
    if (!reply.ok) throw new Error(`list failed: ${reply.error.code}`);
    return reply.value;
  }

  async function listAll(principal: Principal, query: Record<string, unknown>): Promise<string[][]> {
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await list(principal, { ...query, ...(cursor ? { cursor } : {}) });
      pages.push(page.items.map((claim) => claim.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return pages;
  }

  beforeAll(async () => {
    // The checking services stay silent: every claim waits in review, so the lists hold still.
    bed = await ClaimsTestBed.open('crd');
    // The member read model (fed by underwriting later) lets intake stamp the insurer.
    await bed.dataSource.query(`INSERT INTO member_insurers (member_id, insurer_id) VALUES ('M-1', 'INS-1')`);
    for (let i = 0; i < 5; i++) byP1.push(await submit(clinicP1));
    byP2 = await submit(clinicP2, { providerId: 'P-2', memberId: 'M-2' });
  });
  afterAll(async () => {
    await bed?.close();
  });

  it('pages a clinic’s claims newest first with an opaque cursor, each claim once', async () => {
    const pages = await listAll(clinicP1, { limit: 2 });
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    const whole = (await list(clinicP1, { limit: 500 })).items;
    expect(pages.flat()).toEqual(whole.map((claim) => claim.id));
    expect([...pages.flat()].sort()).toEqual([...byP1].sort());
    const times = whole.map((claim) => Date.parse(claim.submittedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('lists only the caller’s own claims', async () => {
    expect((await list(clinicP2)).items.map((claim) => claim.id)).toEqual([byP2]);
    expect((await list(patientM1)).items).toHaveLength(5);
    expect((await list(patientM1, { providerId: 'P-2' })).items).toEqual([]);
    expect((await list(insurerI1)).items).toHaveLength(5);
    expect((await list(analystI1, { memberId: 'M-1', limit: 1 })).items).toHaveLength(1);
    expect((await list(insurerI2)).items).toEqual([]);
  });

  it('stamps a claim with the member’s insurer from the read model', async () => {
    const reply = await bed.call<ClaimView>(RpcPatterns.getClaim, insurerI1, { id: byP1[0] });
    expect(reply).toMatchObject({ ok: true, value: { id: byP1[0], memberId: 'M-1' } });
    expect(await bed.call(RpcPatterns.getClaim, insurerI2, { id: byP1[0] })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('finds held claims under in_review for the clinic, under pending_review for the insurer', async () => {
    await bed.dataSource.query(`UPDATE claims SET status = 'pending_review' WHERE id = $1`, [byP1[2]]);
    const forClinic = await list(clinicP1, { status: 'in_review' });
    expect(forClinic.items.map((claim) => claim.id)).toContain(byP1[2]);
    expect(forClinic.items.find((claim) => claim.id === byP1[2])?.status).toBe('in_review');
    expect((await list(clinicP1, { status: 'pending_review' })).items).toEqual([]);
    expect((await list(insurerI1, { status: 'pending_review' })).items.map((claim) => claim.id)).toEqual([byP1[2]]);
  });

  it('refuses lists to admins, and answers NOT_FOUND for ids that are not claims', async () => {
    expect(await bed.call(RpcPatterns.listClaims, admin, {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await bed.call(RpcPatterns.getClaim, admin, { id: byP1[0] })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await bed.call(RpcPatterns.getClaim, clinicP1, { id: 'not-a-uuid' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('rejects a forged cursor and a page size over 500', async () => {
    expect(await bed.call(RpcPatterns.listClaims, clinicP1, { cursor: 'forged' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await bed.call(RpcPatterns.listClaims, clinicP1, { limit: 501 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });
});
