import {
  RpcPatterns,
  Subjects,
  type ClaimDecided,
  type ClaimTimelineResult,
  type ClaimView,
  type Principal,
  type SubmitClaimResult,
} from '#libs/contracts';
import { waitFor } from '#libs/testing';
import { aClaim, clinicP1, insurerI1 } from './support/claim-builders.js';
import { playCheckingServices } from './support/checking-services.js';
import { ClaimsTestBed } from './support/claims-test-bed.js';

const ANSWER_SUBJECTS = [Subjects.coverageDecided, Subjects.screeningCompleted, Subjects.recordsVerified];
const patientOf = (memberId: string): Principal => ({ sub: `patient-${memberId}`, role: 'patient', patient: memberId });

describe('claim saga answers on the real bus', () => {
  let bed: ClaimsTestBed;

  beforeAll(async () => {
    bed = await ClaimsTestBed.open('cans');
    playCheckingServices(bed, { times: 2, holdMembers: ['M-HELD'] });
  });
  afterAll(async () => {
    await bed?.close();
  });

  async function submit(memberId = 'M-1'): Promise<string> {
    const reply = await bed.call<SubmitClaimResult>(RpcPatterns.submitClaim, clinicP1, aClaim({ memberId }));
    if (!reply.ok) throw new Error(`submit failed: ${reply.error.detail}`);
    return reply.value.id;
  }

  async function claimAs(principal: Principal, id: string): Promise<ClaimView> {
    const reply = await bed.call<ClaimView>(RpcPatterns.getClaim, principal, { id });
    if (!reply.ok) throw new Error(`get failed: ${reply.error.code}`);
    return reply.value;
  }

  const statusesOf = async (principal: Principal, id: string) => {
    const reply = await bed.call<ClaimTimelineResult>(RpcPatterns.claimTimeline, principal, { id });
    return reply.ok ? reply.value.items.map((item) => item.status) : reply.error.code;
  };

  async function decidedEventsInOutbox(id: string): Promise<number> {
    const events = await bed.outboxEnvelopes<ClaimDecided>(Subjects.claimDecided);
    return events.filter((event) => event.data.claimId === id).length;
  }

  const approved = (id: string) =>
    waitFor(
      async () => {
        const claim = await claimAs(clinicP1, id);
        return claim.status === 'approved' ? claim : undefined;
      },
      { what: 'the claim to be approved' },
    );

  it('decides a claim once when every answer arrives twice', async () => {
    const id = await submit();
    await approved(id);
    for (const subject of ANSWER_SUBJECTS) await bed.consumed(subject);
    expect(await statusesOf(clinicP1, id)).toEqual(['received', 'in_review', 'approved']);
    expect(await decidedEventsInOutbox(id)).toBe(1);
  });

  it('changes nothing when answers arrive after the decision, or are delivered again', async () => {
    const id = await submit();
    const before = await approved(id);
    const lateLedgerId = await bed.publish(Subjects.recordsVerified, {
      claimId: id,
      verified: false,
      reason: 'CONSENT_MISSING',
    });
    await bed.publish(
      Subjects.recordsVerified,
      { claimId: id, verified: false, reason: 'CONSENT_MISSING' },
      lateLedgerId,
    );
    await bed.publish(Subjects.screeningCompleted, { claimId: id, score: 100, held: true, flagId: 'F-late' });
    await bed.publish(Subjects.flagDecided, { claimId: id, flagId: 'F-late', decision: 'confirm' });
    await bed.publish(Subjects.coverageDecided, {
      claimId: id,
      insurerId: 'INS-2',
      currency: 'EUR',
      lines: [
        { index: 0, code: '99213', status: 'denied', reason: 'EXCLUDED' },
        { index: 1, code: '87880', status: 'denied', reason: 'EXCLUDED' },
      ],
    });
    for (const subject of [...ANSWER_SUBJECTS, Subjects.flagDecided]) await bed.consumed(subject);
    expect(await claimAs(clinicP1, id)).toEqual(before);
    expect(await statusesOf(clinicP1, id)).toEqual(['received', 'in_review', 'approved']);
    expect(await decidedEventsInOutbox(id)).toBe(1);
  });

  it('holds a flagged claim for the insurer, shows patient and clinic only "in review", and approves on dismissal', async () => {
    const id = await submit('M-HELD');
    await waitFor(async () => (await claimAs(insurerI1, id).catch(() => undefined))?.status === 'pending_review', {
      what: 'the claim to be held',
    });
    for (const subject of ANSWER_SUBJECTS) await bed.consumed(subject);
    expect((await claimAs(clinicP1, id)).status).toBe('in_review');
    expect((await claimAs(patientOf('M-HELD'), id)).status).toBe('in_review');
    expect(await statusesOf(insurerI1, id)).toEqual(['received', 'in_review', 'pending_review']);
    expect(await statusesOf(clinicP1, id)).toEqual(['received', 'in_review']);

    await bed.publish(Subjects.flagDecided, { claimId: id, flagId: `F-${id}`, decision: 'dismiss' });
    await approved(id);
    expect(await statusesOf(insurerI1, id)).toEqual([
      'received',
      'in_review',
      'pending_review',
      'in_review',
      'approved',
    ]);
    expect(await statusesOf(patientOf('M-HELD'), id)).toEqual(['received', 'in_review', 'approved']);
  });
});
