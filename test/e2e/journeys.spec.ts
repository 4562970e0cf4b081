import { createHash } from 'node:crypto';
import { Contract, id as keccakOfText, JsonRpcProvider } from 'ethers';
import { waitFor } from '#libs/testing';
import { devAccount } from '../../scripts/stack/dev-accounts.js';
import { JourneyClient } from './support/journey-client.js';
import { startPlatform, type Platform } from './support/platform.js';

/**
 * The four journeys of the platform, through the public API of a platform started exactly as `npm start`
 * starts it (every service its own process, the embedded chain, the demo seed): insurer, clinic,
 * analyst and patient. Each journey uses members of its own (development accounts 6–9 sign for them),
 * enrolled on the demo plan of insurer INS-1, whose escrow the demo funded.
 */
const today = new Date().toISOString().slice(0, 10);
const TOKEN_UNITS_PER_CENT = 10n ** 16n; // HCET has 18 decimals, USD 2.
const CLINIC_P1_ACCOUNT = 3;
const CLINIC_P2_ADDRESS = devAccount(4).address;
/** A journey waits on several services, the chain and its confirmations. */
const JOURNEY_TIMEOUT_MS = 180_000;

describe('end to end: the four journeys', () => {
  let platform: Platform;
  let insurer: JourneyClient;
  let clinic: JourneyClient;
  let analyst: JourneyClient;
  let chain: JsonRpcProvider;

  beforeAll(async () => {
    platform = await startPlatform('e2e');
    const api = platform.gatewayUrl;
    insurer = await JourneyClient.as(api, { role: 'insurer', org: 'INS-1' });
    clinic = await JourneyClient.as(api, { role: 'clinic', org: 'P-1' });
    analyst = await JourneyClient.as(api, { role: 'analyst', org: 'INS-1' });
    chain = new JsonRpcProvider(platform.chainRpcUrl, 31337, { staticNetwork: true });
  }, 240_000);
  afterAll(async () => {
    chain?.destroy();
    await platform?.stop();
  });

  /** Enrols a member on the demo plan and has it consent to INS-1, signing with its own key. */
  async function consentingMember(memberId: string, account: number): Promise<JourneyClient> {
    const address = devAccount(account).address;
    await insurer.expect(201, 'POST', '/v1/members', {
      id: memberId,
      name: `Member ${memberId}`,
      birthDate: '1980-04-02',
      planId: 'PLAN-1',
      coverageStart: '2026-01-01',
      coverageEnd: null,
      address,
    });
    const patient = await JourneyClient.as(platform.gatewayUrl, { role: 'patient', patient: memberId });
    const expiresAt = new Date(Date.now() + 90 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const consent = await patient.signed('/v1/consents', { insurerId: 'INS-1', scope: 'claims', expiresAt }, account);
    await consentIs(patient, String(consent.id), 'active');
    return patient;
  }

  async function consentIs(patient: JourneyClient, consentId: string, status: string): Promise<void> {
    await waitFor(
      async () => {
        const { items } = (await patient.expect(200, 'GET', '/v1/consents')) as {
          items: { id: string; status: string }[];
        };
        return items.some((item) => item.id === consentId && item.status === status);
      },
      { what: `consent ${consentId} to be ${status}`, timeoutMs: 30_000 },
    );
  }

  async function submit(as: JourneyClient, body: Record<string, unknown>): Promise<string> {
    const accepted = await as.expect(202, 'POST', '/v1/claims', {
      serviceDate: today,
      diagnosisCodes: ['J02.9'],
      ...body,
    });
    expect(accepted.status).toBe('received');
    return String(accepted.id);
  }

  async function onChain() {
    const contracts = (await insurer.expect(200, 'GET', '/v1/ledger/contracts')) as {
      token: { address: string };
      settlement: string;
    };
    return {
      token: new Contract(contracts.token.address, ['function balanceOf(address) view returns (uint256)'], chain),
      settlement: new Contract(contracts.settlement, ['function settledAmount(bytes32) view returns (uint256)'], chain),
    };
  }

  it(
    'insurer: sets up a member, submits its claim, follows it to paid and finds the payout on chain',
    async () => {
      await consentingMember('M-E2E-INS', 6);
      const { token, settlement } = await onChain();
      const balanceBefore = (await token.balanceOf(CLINIC_P2_ADDRESS)) as bigint;
      const escrowBefore = BigInt(String((await insurer.expect(200, 'GET', '/v1/ledger/escrow')).balance));

      // A moderate office visit at P-2: fee 140.00, copay 25.00, so the plan pays 115.00.
      const id = await submit(insurer, {
        memberId: 'M-E2E-INS',
        providerId: 'P-2',
        lines: [{ code: '99214', units: 1, charge: 20000 }],
      });
      const paid = await insurer.claimUntil(id, 'paid');
      const amount = 11_500n * TOKEN_UNITS_PER_CENT;
      expect(paid).toMatchObject({
        totals: { charge: 20000, allowed: 14000, planPays: 11500, patientPays: 2500 },
        payout: { status: 'confirmed', amount: String(amount), token: 'HCET' },
      });
      const payout = paid.payout as { txHash: string; blockNumber: number };
      expect(await insurer.timeline(id)).toEqual(['received', 'in_review', 'approved', 'paid']);

      const receipt = await chain.getTransactionReceipt(payout.txHash);
      expect(receipt).toMatchObject({ status: 1, blockNumber: payout.blockNumber });
      expect(await settlement.settledAmount(keccakOfText(id))).toBe(amount);
      expect(((await token.balanceOf(CLINIC_P2_ADDRESS)) as bigint) - balanceBefore).toBe(amount);
      const escrowAfter = BigInt(String((await insurer.expect(200, 'GET', '/v1/ledger/escrow')).balance));
      expect(escrowBefore - escrowAfter).toBe(amount);
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'clinic: asks for an estimate, anchors the record, submits the claim and is paid exactly the estimate',
    async () => {
      await consentingMember('M-E2E-CLN', 8);
      const lines = [{ code: '99213', units: 1, charge: 15000 }];
      const estimate = await clinic.expect(201, 'POST', '/v1/estimates', {
        memberId: 'M-E2E-CLN',
        providerId: 'P-1',
        plannedDate: today,
        lines,
      });
      expect(estimate).toMatchObject({ network: 'in', totals: { planPays: 7000, patientPays: 2500 } });

      const record = { recordId: 'REC-E2E-CLN', memberId: 'M-E2E-CLN', sha256: sha256Of('visit note, M-E2E-CLN') };
      await clinic.signed('/v1/records', record, CLINIC_P1_ACCOUNT);
      await waitFor(
        async () => (await clinic.expect(200, 'GET', `/v1/records/${record.recordId}`)).status === 'anchored',
        {
          what: 'the record to be anchored',
        },
      );

      const id = await submit(clinic, {
        memberId: 'M-E2E-CLN',
        providerId: 'P-1',
        lines,
        records: [{ recordId: record.recordId, sha256: record.sha256 }],
        estimateId: estimate.id,
      });
      const paid = await clinic.claimUntil(id, 'paid');
      expect(paid.totals).toEqual(estimate.totals);
      const pick = (items: unknown) =>
        (items as { code: string; allowed: number; planPays: number; patientPays: number }[]).map(
          ({ code, allowed, planPays, patientPays }) => ({ code, allowed, planPays, patientPays }),
        );
      expect(pick(paid.lines)).toEqual(pick(estimate.lines));
      expect(paid.payout).toMatchObject({ status: 'confirmed', amount: String(7000n * TOKEN_UNITS_PER_CENT) });
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'analyst: finds the duplicate held in the queue, confirms it (denied), dismisses the next (it goes on)',
    async () => {
      await consentingMember('M-E2E-FRD', 9);
      const ecg = { memberId: 'M-E2E-FRD', providerId: 'P-1', lines: [{ code: '93000', units: 1, charge: 9000 }] };
      const first = await submit(clinic, ecg);
      // All of it goes to the deductible: approved with nothing to pay.
      await clinic.claimUntil(first, 'closed');

      const duplicate = await submit(clinic, ecg);
      const flag = await heldFlagOf(duplicate);
      const rule = flag.rules.find((hit) => hit.code === 'DUPLICATE_CLAIM');
      expect(rule).toMatchObject({ points: 100 });
      expect(rule?.explanation).toContain(first.slice(0, 8));
      // The clinic sees only "under review".
      expect((await clinic.expect(200, 'GET', `/v1/claims/${duplicate}`)).status).toBe('in_review');

      await analyst.expect(200, 'POST', `/v1/fraud/flags/${flag.id}/assign`, {});
      await analyst.expect(201, 'POST', `/v1/fraud/flags/${flag.id}/notes`, { note: 'same ECG billed twice' });
      await analyst.expect(200, 'POST', `/v1/fraud/flags/${flag.id}/decision`, {
        decision: 'confirm',
        note: 'duplicate',
      });
      expect(
        (await analyst.send('POST', `/v1/fraud/flags/${flag.id}/decision`, { decision: 'dismiss', note: 'x' })).status,
      ).toBe(409);
      const denied = await clinic.claimUntil(duplicate, 'denied');
      expect(denied.denialReason).toBe('FRAUD_CONFIRMED');

      const another = await submit(clinic, ecg);
      const next = await heldFlagOf(another);
      await analyst.expect(200, 'POST', `/v1/fraud/flags/${next.id}/decision`, {
        decision: 'dismiss',
        note: 'checked with the clinic',
      });
      await clinic.claimUntil(another, 'closed');
      expect(await insurer.timeline(another)).toEqual([
        'received',
        'in_review',
        'pending_review:FRAUD_HOLD',
        'in_review:FRAUD_DISMISSED',
        'approved',
        'closed:NOTHING_PAYABLE',
      ]);
    },
    JOURNEY_TIMEOUT_MS,
  );

  async function heldFlagOf(claimId: string) {
    return waitFor(
      async () => {
        const { items } = (await analyst.expect(200, 'GET', '/v1/fraud/flags?status=open')) as {
          items: {
            id: string;
            claimId: string;
            held: boolean;
            rules: { code: string; points: number; explanation: string }[];
          }[];
        };
        return items.find((item) => item.claimId === claimId && item.held);
      },
      { what: `a held flag for claim ${claimId}`, timeoutMs: 30_000 },
    );
  }

  it(
    'patient: consents, tracks own claims, revokes, and a later claim is denied CONSENT_MISSING',
    async () => {
      const patient = await consentingMember('M-E2E-PAT', 7);
      const visit = { memberId: 'M-E2E-PAT', providerId: 'P-1', lines: [{ code: '99213', units: 1, charge: 15000 }] };
      const id = await submit(clinic, visit);
      await patient.claimUntil(id, 'paid');
      const own = (await patient.expect(200, 'GET', '/v1/claims')) as { items: { id: string }[] };
      expect(own.items.map((item) => item.id)).toEqual([id]);
      const stranger = await JourneyClient.as(platform.gatewayUrl, { role: 'patient', patient: 'M-E2E-INS' });
      expect((await stranger.send('GET', `/v1/claims/${id}`)).status).toBe(404);

      const { items } = (await patient.expect(200, 'GET', '/v1/consents')) as { items: { id: string }[] };
      const consentId = items[0]?.id ?? '';
      await patient.signed(`/v1/consents/${consentId}/revoke`, {}, 7);
      await consentIs(patient, consentId, 'revoked');

      const later = await submit(clinic, { ...visit, lines: [{ code: '85025', units: 1, charge: 4000 }] });
      const denied = await patient.claimUntil(later, 'denied');
      expect(denied.denialReason).toBe('CONSENT_MISSING');
      expect(await patient.timeline(later)).toEqual(['received', 'in_review', 'denied:CONSENT_MISSING']);
    },
    JOURNEY_TIMEOUT_MS,
  );
});

function sha256Of(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
