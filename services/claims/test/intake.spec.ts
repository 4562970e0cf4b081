import {
  RpcPatterns,
  Subjects,
  type ClaimSubmitted,
  type ClaimTimelineResult,
  type ClaimView,
  type SubmitClaimResult,
} from '#libs/contracts';
import { waitFor } from '#libs/testing';
import { aClaim, clinicP1, clinicP2, patientM1 } from './support/claim-builders.js';
import { ClaimsTestBed } from './support/claims-test-bed.js';

describe('claims intake over the real bus and database', () => {
  let bed: ClaimsTestBed;

  beforeAll(async () => {
    bed = await ClaimsTestBed.open('cin');
  });
  afterAll(async () => {
    await bed?.close();
  });

  const claimCount = async () => Number((await bed.dataSource.query(`SELECT count(*) FROM claims`))[0].count);

  it('accepts a claim, publishes it, and moves it to in_review with a timeline', async () => {
    const reply = await bed.call<SubmitClaimResult>(RpcPatterns.submitClaim, clinicP1, aClaim());
    expect(reply).toEqual({ ok: true, value: { id: expect.any(String), status: 'received' } });
    if (!reply.ok) return;
    const id = reply.value.id;

    const submitted = await waitFor(() => bed.eventsOf(Subjects.claimSubmitted, id)[0], {
      what: 'the submitted event',
    });
    expect(submitted.envelope.data).toEqual<ClaimSubmitted>({
      claimId: id,
      memberId: 'M-1',
      providerId: 'P-1',
      insurerId: null,
      serviceDate: '2026-11-02',
      diagnosisCodes: ['J06.9'],
      lines: [
        { code: '99213', units: 1, charge: 15000, modifiers: [] },
        { code: '87880', units: 1, charge: 4500, modifiers: ['59'] },
      ],
      records: [{ recordId: 'REC-1', sha256: 'a'.repeat(64) }],
      estimateId: null,
      submittedAt: expect.any(String),
    });

    const claim = await waitFor(
      async () => {
        const got = await bed.call<ClaimView>(RpcPatterns.getClaim, clinicP1, { id });
        return got.ok && got.value.status === 'in_review' ? got.value : undefined;
      },
      { what: 'the claim to be in review' },
    );
    expect(claim).toMatchObject({
      id,
      memberId: 'M-1',
      providerId: 'P-1',
      serviceDate: '2026-11-02',
      currency: null,
      totals: { charge: 19500, allowed: 0, planPays: 0, patientPays: 0 },
      lines: [
        { code: '99213', units: 1, charge: 15000, status: 'pending' },
        { code: '87880', units: 1, charge: 4500, status: 'pending' },
      ],
    });
    const timeline = await bed.call<ClaimTimelineResult>(RpcPatterns.claimTimeline, patientM1, { id });
    expect(timeline.ok && timeline.value.items.map((item) => [item.status, item.actor])).toEqual([
      ['received', 'system'],
      ['in_review', 'system'],
    ]);
    // Whose claim it is rides along, so the gateway's audit row names the member (ADR 0010).
    expect(timeline.ok && timeline.value.memberId).toBe('M-1');
  });

  it('answers NOT_FOUND for another clinic’s claim', async () => {
    const reply = await bed.call<SubmitClaimResult>(RpcPatterns.submitClaim, clinicP1, aClaim());
    if (!reply.ok) throw new Error('submit failed');
    expect(await bed.call(RpcPatterns.getClaim, clinicP2, { id: reply.value.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await bed.call(RpcPatterns.claimTimeline, clinicP2, { id: reply.value.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('stores nothing for an invalid claim, and names the fields', async () => {
    const before = await claimCount();
    const reply = await bed.call(RpcPatterns.submitClaim, clinicP1, aClaim({ serviceDate: '2026-02-30', lines: [] }));
    expect(reply).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        errors: expect.arrayContaining([expect.objectContaining({ field: 'serviceDate' })]),
      },
    });
    expect(await claimCount()).toBe(before);
  });

  it('refuses a clinic submitting for another provider, and stores nothing', async () => {
    const before = await claimCount();
    const reply = await bed.call(RpcPatterns.submitClaim, clinicP2, aClaim({ providerId: 'P-1' }));
    expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await claimCount()).toBe(before);
  });

  it('stores one claim per submission key, even when the same key arrives again or at once', async () => {
    const before = await claimCount();
    const claim = aClaim({ submissionKey: 'a'.repeat(64) });
    const replies = await Promise.all([
      bed.call<SubmitClaimResult>(RpcPatterns.submitClaim, clinicP1, claim),
      bed.call<SubmitClaimResult>(RpcPatterns.submitClaim, clinicP1, claim),
    ]);
    const again = await bed.call<SubmitClaimResult>(RpcPatterns.submitClaim, clinicP1, claim);
    const ids = [...replies, again].map((reply) => (reply.ok ? reply.value.id : reply.error.code));
    expect(new Set(ids).size).toBe(1);
    expect(await claimCount()).toBe(before + 1);
  });
});
