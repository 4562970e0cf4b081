import {
  RpcPatterns,
  Subjects,
  type CheckName,
  type CheckRequested,
  type ClaimSubmitted,
  type ClaimView,
  type RecordsVerified,
  type SubmitClaimResult,
} from '#libs/contracts';
import { waitFor } from '#libs/testing';
import { aClaim, clinicP1, insurerI1 } from './support/claim-builders.js';
import { ClaimsTestBed } from './support/claims-test-bed.js';
import { passingAnswer } from './support/checking-services.js';

describe('claim saga: pending answers of the ledger check', () => {
  let bed: ClaimsTestBed;

  beforeAll(async () => {
    bed = await ClaimsTestBed.open('cpend', { CLAIMS_CHECK_DEADLINE_MS: '300', CLAIMS_CHECK_DEADLINE_MAX_MS: '2000' });
  });
  afterAll(async () => {
    await bed?.close();
  });

  /** A bridge that never learns the member: pending until the saga asks for a final verdict. */
  function playBridgeWithoutTheMember() {
    const pending = (claim: ClaimSubmitted): RecordsVerified => ({
      claimId: claim.claimId,
      verified: false,
      reason: null,
      pending: 'REGISTRATION_NOT_YET_SEEN',
    });
    const answer = async (check: CheckName, claim: ClaimSubmitted, final: boolean) => {
      if (check !== 'ledger') {
        const { subject, data } = passingAnswer(check, claim);
        return void (await bed.publish(subject, data));
      }
      const verdict: RecordsVerified = { claimId: claim.claimId, verified: false, reason: 'CONSENT_MISSING' };
      await bed.publish(Subjects.recordsVerified, final ? verdict : pending(claim));
    };
    bed.onEvent((message) => {
      if (message.subject === Subjects.claimSubmitted) {
        for (const check of ['coverage', 'fraud', 'ledger'] as const) {
          void answer(check, message.envelope.data as ClaimSubmitted, false);
        }
      }
      if (message.subject === Subjects.checkRequested) {
        const { check, claim, final } = message.envelope.data as CheckRequested;
        void answer(check, claim, final === true);
      }
    });
  }

  it('keeps the check pending, re-asks, and asks for a final verdict after two pending answers', async () => {
    playBridgeWithoutTheMember();
    const reply = await bed.call<SubmitClaimResult>(RpcPatterns.submitClaim, clinicP1, aClaim());
    if (!reply.ok) throw new Error(`submit failed: ${reply.error.detail}`);
    const id = reply.value.id;

    const claim = await waitFor(
      async () => {
        const got = await bed.call<ClaimView>(RpcPatterns.getClaim, insurerI1, { id });
        return got.ok && got.value.status === 'denied' ? got.value : undefined;
      },
      { what: 'the claim to be denied on the final verdict', timeoutMs: 20_000 },
    );

    expect(claim.denialReason).toBe('CONSENT_MISSING');
    const asks = bed
      .eventsOf(Subjects.checkRequested, id)
      .map((message) => message.envelope.data as CheckRequested)
      .filter((ask) => ask.check === 'ledger')
      .map(({ attempt, final }) => ({ attempt, final }));
    expect(asks).toEqual([
      { attempt: 2, final: false },
      { attempt: 3, final: true },
    ]);
    const [saga] = await bed.dataSource.query(
      `SELECT checks -> 'ledger' AS ledger FROM claim_sagas WHERE claim_id = $1`,
      [id],
    );
    expect(saga.ledger).toMatchObject({ progress: 'answered', attempts: 3, pendingAnswers: 2 });
  });
});
