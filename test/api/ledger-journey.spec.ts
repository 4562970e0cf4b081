import type { ClaimResponse, ExplanationOfBenefit } from '@medplum/fhirtypes';
import { Client } from 'fhir-kit-client';
import { fhirValidationErrors } from '#libs/fhir-testing';
import { createHash } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  Contract,
  HDNodeWallet,
  JsonRpcProvider,
  Mnemonic,
  Wallet,
  id,
  type BaseWallet,
  type TypedDataField,
} from 'ethers';
import { BusNamespace, Subjects, type RecordsVerified } from '#libs/contracts';
import { freePort, TEST_NATS_URL, waitFor } from '#libs/testing';
import { watchBus } from '#libs/test-bed';
import { startChain, type RunningChain } from '../../scripts/chain.js';
import { startApiStack, type ApiStack } from './support/api-stack.js';
import { publishAs } from './support/bus-stand-in.js';
import { aMember, aPlan, SetUpClient } from './support/set-up-builders.js';

const DEV_MNEMONIC = 'test test test test test test test test test test test junk';
const TOKEN = 10n ** 18n;
const today = new Date().toISOString().slice(0, 10);
const sha256Of = (content: string) => createHash('sha256').update(content).digest('hex');

interface TypedData {
  domain: Record<string, unknown>;
  types: Record<string, TypedDataField[]>;
  primaryType: string;
  message: Record<string, unknown>;
}

/**
 * The on-chain journey through the gateway, with the claims, underwriting, billing and ledger-bridge processes
 * on a private embedded chain: a clinic anchors a record and the patient grants consent, each signing with its
 * own key; a claim citing the record is verified by the bridge, priced by billing and paid once on chain,
 * and GET shows it `paid` with the transaction. Only fraud screening is stood in for on the bus.
 */
describe('on-chain API: anchor, consent, verification and payout', () => {
  let chain: RunningChain;
  let stack: ApiStack;
  let provider: JsonRpcProvider;
  let nc: NatsConnection;
  const verified: RecordsVerified[] = [];
  const clinicKey = Wallet.createRandom();
  const patientKey = Wallet.createRandom();
  const insurerKey = Wallet.createRandom();
  let clinic: SetUpClient;
  let patient: SetUpClient;
  let insurer: SetUpClient;

  beforeAll(async () => {
    chain = await startChain({ port: await freePort(), write: () => undefined });
    provider = new JsonRpcProvider(chain.rpcUrl, 31337, { staticNetwork: true, cacheTimeout: -1 });
    stack = await startApiStack('apiledg', { CHAIN_RPC_URL: chain.rpcUrl, PAYOUT_POLL_MS: '50' }, [
      'claims',
      'underwriting',
      'billing',
      'ledger-bridge',
    ]);
    nc = await connect({ servers: TEST_NATS_URL });
    watchBus(nc, new BusNamespace(stack.namespace), Subjects.recordsVerified, (message) => {
      verified.push(message.envelope.data as RecordsVerified);
    });
    const admin = new SetUpClient(stack.gatewayUrl, await stack.token({ role: 'admin' }));
    insurer = new SetUpClient(stack.gatewayUrl, await stack.token({ role: 'insurer', org: 'I-CHAIN' }));
    clinic = new SetUpClient(stack.gatewayUrl, await stack.token({ role: 'clinic', org: 'P-CHAIN' }));
    patient = new SetUpClient(stack.gatewayUrl, await stack.token({ role: 'patient', patient: 'M-CHAIN' }));
    await admin.expect(201, 'POST', '/v1/insurers', {
      id: 'I-CHAIN',
      name: 'Chain Health',
      address: insurerKey.address,
    });
    await admin.expect(201, 'POST', '/v1/providers', {
      id: 'P-CHAIN',
      name: 'Chain Clinic',
      address: clinicKey.address,
    });
    await insurer.expect(201, 'POST', '/v1/plans', aPlan('PLAN-CHAIN'));
    await insurer.expect(201, 'POST', '/v1/members', aMember('M-CHAIN', 'PLAN-CHAIN', { address: patientKey.address }));
    await insurer.expect(200, 'PUT', '/v1/fee-schedule', { entries: [{ code: '99213', amount: 10_000 }] });
    await insurer.expect(200, 'PUT', '/v1/network/P-CHAIN', { status: 'in' });
  }, 120_000);
  afterAll(async () => {
    await nc?.close();
    await stack?.stop();
    provider?.destroy();
    await chain?.process.stop(5000);
  });

  /** Prepares, signs with `key` and submits; the bridge learns addresses from events, so prepare is retried. */
  async function signed(client: SetUpClient, path: string, body: Record<string, unknown>, key: BaseWallet) {
    const typed = (await waitFor(
      async () => {
        const response = await client.send('POST', `${path}/typed-data`, body);
        return response.status === 200 ? response.body : undefined;
      },
      { what: `typed data from ${path}`, timeoutMs: 20_000 },
    )) as unknown as TypedData;
    const signature = await key.signTypedData(typed.domain, typed.types, typed.message);
    return { typed, submission: { ...body, message: typed.message, signature } };
  }

  const record = { recordId: 'REC-CHAIN-1', memberId: 'M-CHAIN', sha256: sha256Of('chest x-ray report') };

  it('lets a clinic anchor a record with its own signature, refusing another signer and a replay', async () => {
    const contracts = await clinic.expect(200, 'GET', '/v1/ledger/contracts');
    expect(contracts).toMatchObject({ chainId: 31337, token: { symbol: 'HCET', decimals: 18 } });

    const { typed, submission } = await signed(clinic, '/v1/records', record, clinicKey);
    expect(typed.primaryType).toBe('RecordAnchor');
    expect(typed.message).toMatchObject({
      recordId: id(record.recordId),
      contentHash: `0x${record.sha256}`,
      patient: patientKey.address,
    });

    const forged = {
      ...submission,
      signature: await Wallet.createRandom().signTypedData(typed.domain, typed.types, typed.message),
    };
    const refused = await clinic.send('POST', '/v1/records', forged);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    const garbage = await clinic.send('POST', '/v1/records', { ...submission, signature: `0x${'11'.repeat(65)}` });
    expect([400, 403]).toContain(garbage.status);

    const accepted = await clinic.expect(202, 'POST', '/v1/records', submission);
    expect(accepted).toMatchObject({ recordId: record.recordId, status: 'anchored' });
    const replay = await clinic.send('POST', '/v1/records', submission);
    expect(replay.status).toBe(400);
    expect(replay.body.errors).toEqual([{ field: 'message.nonce', message: 'has already been used' }]);

    const read = await patient.expect(200, 'GET', `/v1/records/${record.recordId}`);
    expect(read).toMatchObject({
      recordId: record.recordId,
      sha256: record.sha256,
      providerId: 'P-CHAIN',
      memberId: record.memberId,
      status: 'anchored',
      txHash: accepted.txHash,
    });
    expect(typeof read.blockNumber).toBe('number');
  });

  it('lets the patient grant the insurer consent with its own signature, and lists it for both', async () => {
    const expiresAt = new Date(Date.now() + 365 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const { typed, submission } = await signed(
      patient,
      '/v1/consents',
      { insurerId: 'I-CHAIN', scope: 'claims', expiresAt },
      patientKey,
    );
    expect(typed.message).toMatchObject({
      patient: patientKey.address,
      insurer: insurerKey.address,
      scope: id('claims'),
    });
    const granted = await patient.expect(202, 'POST', '/v1/consents', submission);
    expect(granted.status).toBe('active');

    const own = await patient.expect(200, 'GET', '/v1/consents');
    const forged = await patient.send('GET', '/v1/consents?cursor=forged');
    expect(forged.status).toBe(400);
    expect(forged.body.errors).toEqual([{ field: 'cursor', message: 'is not a cursor' }]);
    expect(own.items).toEqual([
      expect.objectContaining({
        id: granted.id,
        insurerId: 'I-CHAIN',
        memberId: 'M-CHAIN',
        scope: 'claims',
        status: 'active',
      }),
    ]);
    const theirs = await insurer.expect(200, 'GET', '/v1/consents');
    expect((theirs.items as unknown[]).length).toBe(1);
  });

  it('verifies a claim citing the anchored record, and pays the priced amount once on chain', async () => {
    // Fund the insurer's escrow from the treasury (account 0), before the claim is priced.
    const treasury = HDNodeWallet.fromMnemonic(Mnemonic.fromPhrase(DEV_MNEMONIC), "m/44'/60'/0'/0/0").connect(provider);
    const contracts = await clinic.expect(200, 'GET', '/v1/ledger/contracts');
    const token = new Contract(
      String((contracts.token as { address: string }).address),
      ['function approve(address,uint256) returns (bool)', 'function balanceOf(address) view returns (uint256)'],
      treasury,
    );
    const settlement = new Contract(
      String(contracts.settlement),
      ['function deposit(bytes32,uint256)', 'function settledAmount(bytes32) view returns (uint256)'],
      treasury,
    );
    await (await token.getFunction('approve')(contracts.settlement, 1_000n * TOKEN)).wait();
    await (await settlement.getFunction('deposit')(id('I-CHAIN'), 1_000n * TOKEN)).wait();
    expect(await insurer.expect(200, 'GET', '/v1/ledger/escrow')).toEqual({
      insurerId: 'I-CHAIN',
      balance: (1_000n * TOKEN).toString(),
      balanceInTokens: '1000.00',
      token: 'HCET',
    });

    const claim = await clinic.expect(202, 'POST', '/v1/claims', {
      memberId: 'M-CHAIN',
      providerId: 'P-CHAIN',
      serviceDate: today,
      diagnosisCodes: ['Z00.00'],
      lines: [{ code: '99213', units: 1, charge: 15_000 }],
      records: [{ recordId: record.recordId, sha256: record.sha256 }],
    });
    const claimId = String(claim.id);
    const verdict = await waitFor(() => verified.find((event) => event.claimId === claimId), {
      what: 'the verification',
      timeoutMs: 30_000,
    });
    expect(verdict).toEqual({ claimId, verified: true, reason: null });
    // Office visit: allowed 100.00 (fee schedule), copay 25.00, so the plan pays 75.00 = 7,500 cents,
    // 7,500 × 10^16 token base units at 18 decimals (DOMAIN.md, Money).
    const amount = 7_500n * 10n ** 16n;
    await publishAs(stack.namespace, Subjects.screeningCompleted, { claimId, score: 0, held: false, flagId: null });

    await waitFor(async () => ((await settlement.getFunction('settledAmount')(id(claimId))) as bigint) > 0n, {
      what: 'the payout on chain',
      timeoutMs: 30_000,
    });
    // A second request for the same claim (billing's retry, or another payout id) pays nothing more.
    await publishAs(stack.namespace, Subjects.payoutRequested, {
      payoutId: `PO-AGAIN-${claimId}`,
      claimId,
      insurerId: 'I-CHAIN',
      providerId: 'P-CHAIN',
      payee: clinicKey.address,
      currency: 'USD',
      amount: 7_500,
      tokenAmount: amount.toString(),
      token: 'HCET',
    });
    const paid = await waitFor(
      async () => {
        const rows = await stack.sql('ledger-bridge', `SELECT status, tx_hash FROM payouts WHERE claim_id = $1`, [
          claimId,
        ]);
        return rows[0]?.status === 'settled' ? rows : undefined;
      },
      { what: 'the payout settled', timeoutMs: 30_000 },
    );
    expect(paid).toHaveLength(1);
    expect(await token.getFunction('balanceOf')(clinicKey.address)).toBe(amount);
    expect(await settlement.getFunction('settledAmount')(id(claimId))).toBe(amount);
    const shown = await waitFor(
      async () => {
        const body = await clinic.expect(200, 'GET', `/v1/claims/${claimId}`);
        return body.status === 'paid' ? body : undefined;
      },
      { what: 'the claim paid', timeoutMs: 30_000 },
    );
    expect(shown.payout).toMatchObject({ status: 'confirmed', amount: amount.toString(), txHash: paid[0].tx_hash });

    // The FHIR facade explains the paid claim: the plan's 75.00, paid by the settlement transaction.
    const fhir = new Client({ baseUrl: `${stack.gatewayUrl}/fhir/R4`, bearerToken: clinic.token });
    const eob = (await fhir.read({
      resourceType: 'ExplanationOfBenefit',
      id: claimId,
    })) as unknown as ExplanationOfBenefit;
    expect(await fhirValidationErrors(eob)).toEqual([]);
    expect(eob.payment).toMatchObject({
      amount: { value: 75, currency: 'USD' },
      identifier: { system: 'urn:healthclaims:payout-transaction', value: paid[0].tx_hash },
      type: { coding: [{ code: 'complete' }] },
    });
  });

  it('pays a claim submitted as a FHIR Claim, and explains it with the settlement transaction', async () => {
    // A second office visit code, so that this claim is neither a duplicate nor over 99213's daily units.
    await insurer.expect(200, 'PUT', '/v1/fee-schedule', {
      entries: [
        { code: '99213', amount: 10_000 },
        { code: '99214', amount: 10_000 },
      ],
    });
    const fhir = new Client({ baseUrl: `${stack.gatewayUrl}/fhir/R4`, bearerToken: clinic.token });
    const accepted = (await fhir.create({
      resourceType: 'Claim',
      body: {
        resourceType: 'Claim',
        status: 'active',
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claim-type', code: 'professional' }] },
        use: 'claim',
        patient: { reference: 'Patient/M-CHAIN' },
        created: today,
        provider: { identifier: { system: 'urn:healthclaims:provider', value: 'P-CHAIN' } },
        priority: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/processpriority', code: 'normal' }] },
        insurance: [{ sequence: 1, focal: true, coverage: { reference: 'Coverage/M-CHAIN' } }],
        diagnosis: [{ sequence: 1, diagnosisCodeableConcept: { coding: [{ code: 'Z00.00' }] } }],
        item: [
          {
            sequence: 1,
            productOrService: { coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '99214' }] },
            servicedDate: today,
            quantity: { value: 1 },
            net: { value: 150, currency: 'USD' },
          },
        ],
      },
    })) as unknown as ClaimResponse;
    expect(await fhirValidationErrors(accepted)).toEqual([]);
    expect(accepted.outcome).toBe('queued');
    const claimId = String(accepted.id);
    // Verified on the member's consent alone (no records cited); fraud screening stood in for, as above.
    await publishAs(stack.namespace, Subjects.screeningCompleted, { claimId, score: 0, held: false, flagId: null });
    const eob = await waitFor(
      async () => {
        try {
          const read = (await fhir.read({
            resourceType: 'ExplanationOfBenefit',
            id: claimId,
          })) as unknown as ExplanationOfBenefit;
          return read.payment?.identifier ? read : undefined;
        } catch {
          return undefined;
        }
      },
      { what: 'the FHIR claim paid', timeoutMs: 30_000 },
    );
    const [payout] = await stack.sql('ledger-bridge', `SELECT tx_hash FROM payouts WHERE claim_id = $1`, [claimId]);
    expect(await fhirValidationErrors(eob)).toEqual([]);
    expect(eob.payment).toMatchObject({
      amount: { value: 75, currency: 'USD' },
      identifier: { system: 'urn:healthclaims:payout-transaction', value: payout.tx_hash },
      type: { coding: [{ code: 'complete' }] },
    });
  });

  it('keeps to the roles and owners of API.md, naming bad fields and storing nothing', async () => {
    const stranger = new SetUpClient(stack.gatewayUrl, await stack.token({ role: 'patient', patient: 'M-OTHER' }));
    const otherClinic = new SetUpClient(stack.gatewayUrl, await stack.token({ role: 'clinic', org: 'P-OTHER' }));
    const otherInsurer = new SetUpClient(stack.gatewayUrl, await stack.token({ role: 'insurer', org: 'I-OTHER' }));
    expect((await patient.send('POST', '/v1/records/typed-data', record)).status).toBe(403);
    expect(
      (
        await clinic.send('POST', '/v1/consents/typed-data', {
          insurerId: 'I-CHAIN',
          scope: 'claims',
          expiresAt: '2030-01-01T00:00:00Z',
        })
      ).status,
    ).toBe(403);
    expect((await clinic.send('GET', '/v1/ledger/escrow')).status).toBe(403);
    for (const outsider of [stranger, otherClinic, otherInsurer]) {
      expect((await outsider.send('GET', `/v1/records/${record.recordId}`)).status).toBe(404);
    }
    expect((await insurer.send('GET', `/v1/records/${record.recordId}`)).status).toBe(200);
    expect((await new SetUpClient(stack.gatewayUrl, '').send('GET', '/v1/ledger/contracts')).status).toBe(401);

    const before = await stack.storedRows('ledger-bridge', 'records');
    const bad = await clinic.send('POST', '/v1/records', {
      ...record,
      recordId: 'REC-BAD',
      sha256: 'ABC',
      message: {},
      signature: '0x12',
    });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { field: string }[]).map((error) => error.field).sort()).toEqual([
      'sha256',
      'signature',
    ]);
    const unknownField = await clinic.send('POST', '/v1/records/typed-data', { ...record, patientName: 'Ada' });
    expect(unknownField.status).toBe(400);
    expect(await stack.storedRows('ledger-bridge', 'records')).toBe(before);
    const revokeOther = await stranger.send(
      'POST',
      `/v1/consents/00000000-0000-4000-8000-000000000000/revoke/typed-data`,
    );
    expect(revokeOther.status).toBe(404);
  });

  it('refuses a consent signed after its deadline, sending nothing', async () => {
    const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const other = { insurerId: 'I-CHAIN', scope: 'claims', expiresAt };
    const { submission } = await signed(patient, '/v1/consents', other, patientKey);
    await provider.send('evm_increaseTime', [3600]);
    await provider.send('evm_mine', []);
    const late = await patient.send('POST', '/v1/consents', submission);
    expect(late.status).toBe(400);
    expect(late.body.errors).toEqual([{ field: 'message.deadline', message: 'has passed' }]);
    const own = await patient.expect(200, 'GET', '/v1/consents');
    expect((own.items as unknown[]).length).toBe(1);
  });
});
