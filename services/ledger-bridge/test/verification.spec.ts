import { Subjects, type ClaimSubmitted, type RecordsVerified } from '#libs/contracts';
import { id, type HDNodeWallet } from 'ethers';
import { chainTime } from '../contracts/test/support/dev-chain.js';
import { aMemberSnapshot, aSubmittedClaim, sha256Of, uniqueId } from './support/bridge-builders.js';
import { BridgeTestBed } from './support/bridge-test-bed.js';

const CLAIMS = id('claims');

describe('verification of a claim on chain (ledger.records.verified.v1)', () => {
  let bed: BridgeTestBed;
  let insurer: HDNodeWallet;
  let clinic: HDNodeWallet;
  let otherClinic: HDNodeWallet;
  let patientIndex = 10;
  const INSURER = uniqueId('INS');
  const CLINIC = uniqueId('P');
  const OTHER_CLINIC = uniqueId('P');

  beforeAll(async () => {
    bed = await BridgeTestBed.open('lbver');
    [insurer, clinic, otherClinic] = [bed.chain.account(2), bed.chain.account(3), bed.chain.account(4)];
    await bed.startBridge();
    await bed.publish(Subjects.insurerRegistered, { insurerId: INSURER, address: insurer.address });
    await bed.publish(Subjects.providerRegistered, { providerId: CLINIC, name: 'Clinic', address: clinic.address });
    await bed.publish(Subjects.providerRegistered, {
      providerId: OTHER_CLINIC,
      name: 'Other',
      address: otherClinic.address,
    });
    await bed.rowExists(`SELECT 1 FROM providers WHERE id = $1`, [OTHER_CLINIC]);
    await bed.rowExists(`SELECT 1 FROM insurers WHERE id = $1`, [INSURER]);
  });
  afterAll(async () => {
    await bed?.close();
  });

  /** A registered member with a wallet of its own (a development account, so it can pay its gas). */
  async function aMember(): Promise<{ memberId: string; wallet: HDNodeWallet }> {
    const wallet = bed.chain.account(patientIndex++);
    const memberId = uniqueId('M');
    await bed.publish(Subjects.memberRegistered, aMemberSnapshot(memberId, INSURER, wallet.address));
    // The member's address arrives on another stream than the claim: wait until the bridge holds it.
    await bed.rowExists(`SELECT 1 FROM members WHERE id = $1`, [memberId]);
    return { memberId, wallet };
  }
  const grant = async (patient: HDNodeWallet, expiresAt: bigint) =>
    (await bed.contract('ConsentRegistry', patient).getFunction('grant')(insurer.address, CLAIMS, expiresAt)).wait();
  const anchor = async (by: HDNodeWallet, recordId: string, sha256: string, patient: string) =>
    (await bed.contract('RecordRegistry', by).getFunction('anchor')(id(recordId), `0x${sha256}`, patient)).wait();
  const inAYear = async () => (await chainTime(bed.chain.provider)) + 365n * 86_400n;

  async function verdictOf(claim: ClaimSubmitted): Promise<RecordsVerified> {
    await bed.publish(Subjects.claimSubmitted, claim);
    return bed.waitForEvent<RecordsVerified>(Subjects.recordsVerified, claim.claimId);
  }

  /** A member who consented, and one record of theirs anchored by the clinic. */
  async function aConsentingMemberWithRecord() {
    const member = await aMember();
    await grant(member.wallet, await inAYear());
    const record = { recordId: uniqueId('REC'), sha256: sha256Of(uniqueId('content')) };
    await anchor(clinic, record.recordId, record.sha256, member.wallet.address);
    return { ...member, record };
  }

  it('verifies a claim whose records the clinic anchored with the cited hash, with the member consenting', async () => {
    const { memberId, record } = await aConsentingMemberWithRecord();
    const claim = aSubmittedClaim(memberId, CLINIC, INSURER, { records: [record] });
    expect(await verdictOf(claim)).toEqual({ claimId: claim.claimId, verified: true, reason: null });
  });

  it('verifies on consent alone a claim citing no records, finding the insurer through the member', async () => {
    const { memberId } = await aConsentingMemberWithRecord();
    expect(await verdictOf(aSubmittedClaim(memberId, CLINIC, null))).toMatchObject({ verified: true, reason: null });
  });

  it('denies RECORD_NOT_ANCHORED for a record never anchored', async () => {
    const { memberId, record } = await aConsentingMemberWithRecord();
    const missing = { recordId: uniqueId('REC'), sha256: sha256Of('never anchored') };
    const claim = aSubmittedClaim(memberId, CLINIC, INSURER, { records: [record, missing] });
    expect(await verdictOf(claim)).toMatchObject({ verified: false, reason: 'RECORD_NOT_ANCHORED' });
  });

  it('denies RECORD_HASH_MISMATCH for a hash other than the anchored one', async () => {
    const { memberId, record } = await aConsentingMemberWithRecord();
    const claim = aSubmittedClaim(memberId, CLINIC, INSURER, { records: [{ ...record, sha256: sha256Of('forged') }] });
    expect(await verdictOf(claim)).toMatchObject({ verified: false, reason: 'RECORD_HASH_MISMATCH' });
  });

  it('denies RECORD_HASH_MISMATCH for a record anchored by another clinic', async () => {
    const { memberId, wallet } = await aConsentingMemberWithRecord();
    const record = { recordId: uniqueId('REC'), sha256: sha256Of(uniqueId('content')) };
    await anchor(otherClinic, record.recordId, record.sha256, wallet.address);
    const claim = aSubmittedClaim(memberId, CLINIC, INSURER, { records: [record] });
    expect(await verdictOf(claim)).toMatchObject({ verified: false, reason: 'RECORD_HASH_MISMATCH' });
  });

  it('denies CONSENT_MISSING when the member never consented', async () => {
    const { memberId } = await aMember();
    expect(await verdictOf(aSubmittedClaim(memberId, CLINIC, INSURER))).toMatchObject({
      verified: false,
      reason: 'CONSENT_MISSING',
    });
  });

  it('denies CONSENT_EXPIRED when the consent had run out by the submission', async () => {
    const { memberId, wallet } = await aMember();
    const expiresAt = (await chainTime(bed.chain.provider)) + 60n;
    await grant(wallet, expiresAt);
    const submittedAt = new Date(Number(expiresAt + 3600n) * 1000).toISOString();
    expect(await verdictOf(aSubmittedClaim(memberId, CLINIC, INSURER, { submittedAt }))).toMatchObject({
      verified: false,
      reason: 'CONSENT_EXPIRED',
    });
  });

  it('denies CONSENT_MISSING when the member revoked the consent before the submission', async () => {
    const { memberId, wallet } = await aMember();
    await grant(wallet, await inAYear());
    await (await bed.contract('ConsentRegistry', wallet).getFunction('revoke')(insurer.address, CLAIMS)).wait();
    const submittedAt = new Date(Number((await chainTime(bed.chain.provider)) + 60n) * 1000).toISOString();
    expect(await verdictOf(aSubmittedClaim(memberId, CLINIC, INSURER, { submittedAt }))).toMatchObject({
      verified: false,
      reason: 'CONSENT_MISSING',
    });
  });

  /** The verdicts (not the pending answers) published for a claim. */
  const verdictsFor = (claimId: string) =>
    bed
      .eventsOf<RecordsVerified>(Subjects.recordsVerified, claimId)
      .map((event) => event.envelope.data)
      .filter((answer) => answer.pending === undefined);

  it('answers pending for a member it does not know yet, and judges the claim once it is known', async () => {
    const wallet = bed.chain.account(patientIndex++);
    const memberId = uniqueId('M');
    const claim = aSubmittedClaim(memberId, CLINIC, INSURER);
    await bed.publish(Subjects.claimSubmitted, claim);
    await bed.publish(Subjects.checkRequested, { check: 'ledger', attempt: 2, claim });
    // Both asks answered explicitly: no verdict yet, the member has not arrived.
    const pending = await waitForCount(() => bed.eventsOf<RecordsVerified>(Subjects.recordsVerified, claim.claimId), 2);
    expect(pending.map((event) => event.envelope.data)).toEqual([
      { claimId: claim.claimId, verified: false, reason: null, pending: 'REGISTRATION_NOT_YET_SEEN' },
      { claimId: claim.claimId, verified: false, reason: null, pending: 'REGISTRATION_NOT_YET_SEEN' },
    ]);
    const stored = await bed.db.query(`SELECT 1 FROM verifications WHERE claim_id = $1`, [claim.claimId]);
    expect(stored).toHaveLength(0);
    await bed.publish(Subjects.memberRegistered, aMemberSnapshot(memberId, INSURER, wallet.address));
    await bed.rowExists(`SELECT 1 FROM members WHERE id = $1`, [memberId]);
    await grant(wallet, await inAYear());
    await bed.publish(Subjects.checkRequested, { check: 'ledger', attempt: 3, claim });
    const [verdict] = await waitForCount(() => verdictsFor(claim.claimId), 1);
    expect(verdict).toEqual({ claimId: claim.claimId, verified: true, reason: null });
    expect(verdictsFor(claim.claimId)).toHaveLength(1);
  });

  it('judges a claim whose member is still unknown when the saga asks for a final verdict: no consent can be proven', async () => {
    const claim = aSubmittedClaim(uniqueId('M'), CLINIC, INSURER);
    await bed.publish(Subjects.claimSubmitted, claim);
    await bed.publish(Subjects.checkRequested, { check: 'ledger', attempt: 3, claim });
    await waitForCount(() => bed.eventsOf<RecordsVerified>(Subjects.recordsVerified, claim.claimId), 2);
    expect(verdictsFor(claim.claimId)).toEqual([]);
    await bed.publish(Subjects.checkRequested, { check: 'ledger', attempt: 4, final: true, claim });
    const [verdict] = await waitForCount(() => verdictsFor(claim.claimId), 1);
    expect(verdict).toMatchObject({ verified: false, reason: 'CONSENT_MISSING' });
  });

  it('answers a re-ask with the stored verdict, judging each claim once', async () => {
    const { memberId } = await aMember();
    const claim = aSubmittedClaim(memberId, CLINIC, INSURER);
    expect(await verdictOf(claim)).toMatchObject({ reason: 'CONSENT_MISSING' });
    // Consent given afterwards does not change a verdict already given.
    await bed.publish(Subjects.checkRequested, { check: 'ledger', attempt: 2, claim });
    await bed.publish(Subjects.checkRequested, { check: 'coverage', attempt: 2, claim });
    const events = await waitForCount(() => bed.eventsOf<RecordsVerified>(Subjects.recordsVerified, claim.claimId), 2);
    expect(events.map((event) => event.envelope.data.reason)).toEqual(['CONSENT_MISSING', 'CONSENT_MISSING']);
    const rows = await bed.db.query(`SELECT count(*)::int AS n FROM verifications WHERE claim_id = $1`, [
      claim.claimId,
    ]);
    expect(rows[0].n).toBe(1);
  });
});

async function waitForCount<T>(read: () => T[], count: number): Promise<T[]> {
  const deadline = Date.now() + 20_000;
  while (read().length < count) {
    if (Date.now() > deadline) throw new Error(`expected ${count} events, saw ${read().length}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return read();
}
