import { type Contract, type HDNodeWallet, TypedDataEncoder, Wallet, id } from 'ethers';
import { DEV_CHAIN_ID, advanceTime, chainTime, startDevChain, type DevChain } from './support/dev-chain.js';
import { compileContracts, deploy, eventsOf, mined, revertOf } from './support/contracts.js';
import {
  CONSENT_GRANT_TYPES,
  CONSENT_REVOKE_TYPES,
  consentRegistryDomain,
  type ConsentGrantMessage,
  type ConsentRevokeMessage,
} from '../typed-data.js';

const CLAIMS = id('claims');
const DAY = 86_400n;

describe('ConsentRegistry', () => {
  let chain: DevChain;
  let relayer: HDNodeWallet;
  let patient: HDNodeWallet;
  let stranger: HDNodeWallet;
  let registry: Contract;
  let asPatient: Contract;

  beforeAll(async () => {
    compileContracts();
    chain = await startDevChain();
    [relayer, patient, stranger] = [0, 2, 6].map((index) => chain.account(index));
    registry = await deploy('ConsentRegistry', relayer);
    asPatient = registry.connect(patient) as Contract;
  });

  afterAll(async () => {
    await chain?.stop();
  });

  /** A fresh insurer address per test, so each test starts without any grant. */
  const anInsurer = () => Wallet.createRandom().address;
  const now = () => chainTime(chain.provider);
  const isGranted = (insurer: string, at: bigint, scope = CLAIMS): Promise<boolean> =>
    registry.isGranted(patient.address, insurer, scope, at);
  const grantedAtOf = async (receipt: { blockNumber: number }) =>
    BigInt((await chain.provider.getBlock(receipt.blockNumber))!.timestamp);

  async function signGrant(
    signer: HDNodeWallet,
    insurer: string,
    expiresAt: bigint,
    overrides: Partial<ConsentGrantMessage> = {},
  ) {
    const message: ConsentGrantMessage = {
      patient: patient.address,
      insurer,
      scope: CLAIMS,
      expiresAt,
      nonce: await registry.nonces(patient.address),
      deadline: (await now()) + 600n,
      ...overrides,
    };
    const domain = consentRegistryDomain(DEV_CHAIN_ID, registry.target as string);
    return { message, signature: await signer.signTypedData(domain, CONSENT_GRANT_TYPES, message) };
  }

  async function signRevoke(signer: HDNodeWallet, insurer: string, overrides: Partial<ConsentRevokeMessage> = {}) {
    const message: ConsentRevokeMessage = {
      patient: patient.address,
      insurer,
      scope: CLAIMS,
      nonce: await registry.nonces(patient.address),
      deadline: (await now()) + 600n,
      ...overrides,
    };
    const domain = consentRegistryDomain(DEV_CHAIN_ID, registry.target as string);
    return { message, signature: await signer.signTypedData(domain, CONSENT_REVOKE_TYPES, message) };
  }

  const grantBySig = ({ message: m, signature }: Awaited<ReturnType<typeof signGrant>>) =>
    (registry.connect(relayer) as Contract).grantBySig(
      m.patient,
      m.insurer,
      m.scope,
      m.expiresAt,
      m.nonce,
      m.deadline,
      signature,
    );
  const revokeBySig = ({ message: m, signature }: Awaited<ReturnType<typeof signRevoke>>) =>
    (registry.connect(relayer) as Contract).revokeBySig(m.patient, m.insurer, m.scope, m.nonce, m.deadline, signature);

  it('verifies the same EIP-712 domain and ConsentGrant / ConsentRevoke types that signers use', async () => {
    const domain = consentRegistryDomain(DEV_CHAIN_ID, registry.target as string);
    expect(await registry.DOMAIN_SEPARATOR()).toBe(TypedDataEncoder.hashDomain(domain));
    expect(await registry.CONSENT_GRANT_TYPEHASH()).toBe(
      id(TypedDataEncoder.from(CONSENT_GRANT_TYPES).encodeType('ConsentGrant')),
    );
    expect(await registry.CONSENT_REVOKE_TYPEHASH()).toBe(
      id(TypedDataEncoder.from(CONSENT_REVOKE_TYPES).encodeType('ConsentRevoke')),
    );
  });

  it('grants an insurer the scope from now until just before the expiry', async () => {
    const insurer = anInsurer();
    const expiresAt = (await now()) + 30n * DAY;
    const receipt = await mined(asPatient.grant(insurer, CLAIMS, expiresAt));
    const grantedAt = await grantedAtOf(receipt);

    expect(eventsOf(receipt, registry)).toEqual([
      { name: 'ConsentGranted', args: [patient.address, insurer, CLAIMS, expiresAt] },
    ]);
    expect(await registry.consentOf(patient.address, insurer, CLAIMS)).toEqual([grantedAt, expiresAt, 0n]);
    expect(await isGranted(insurer, grantedAt - 1n)).toBe(false);
    expect(await isGranted(insurer, grantedAt)).toBe(true);
    expect(await isGranted(insurer, expiresAt - 1n)).toBe(true);
    expect(await isGranted(insurer, expiresAt)).toBe(false);
  });

  it('grants only that insurer, that scope, for that patient', async () => {
    const insurer = anInsurer();
    await mined(asPatient.grant(insurer, CLAIMS, (await now()) + DAY));
    const at = await now();

    expect(await isGranted(anInsurer(), at)).toBe(false);
    expect(await isGranted(insurer, at, id('research'))).toBe(false);
    expect(await registry.isGranted(stranger.address, insurer, CLAIMS, at)).toBe(false);
  });

  it('refuses a grant that expires now or in the past', async () => {
    const expiresAt = await now();
    const failure = await revertOf(asPatient.grant(anInsurer(), CLAIMS, expiresAt), 'ConsentRegistry');
    expect(failure).toEqual({ name: 'ExpiryNotInFuture', args: [expiresAt] });
  });

  it('stops being granted once expired, yet still answers for a day before the expiry', async () => {
    const insurer = anInsurer();
    const expiresAt = (await now()) + 2n * DAY;
    await mined(asPatient.grant(insurer, CLAIMS, expiresAt));
    const submissionDay = (await now()) + DAY;
    await advanceTime(chain.provider, 3n * DAY);

    expect(await isGranted(insurer, await now())).toBe(false);
    expect(await isGranted(insurer, submissionDay)).toBe(true);
    const failure = await revertOf(asPatient.revoke(insurer, CLAIMS), 'ConsentRegistry');
    expect(failure).toEqual({ name: 'NoActiveConsent', args: [patient.address, insurer, CLAIMS] });
  });

  it('revokes from the revoking block on, keeping the answer for the time before it', async () => {
    const insurer = anInsurer();
    const granted = await mined(asPatient.grant(insurer, CLAIMS, (await now()) + 30n * DAY));
    await advanceTime(chain.provider, DAY);
    const receipt = await mined(asPatient.revoke(insurer, CLAIMS));
    const revokedAt = await grantedAtOf(receipt);

    expect(eventsOf(receipt, registry)).toEqual([{ name: 'ConsentRevoked', args: [patient.address, insurer, CLAIMS] }]);
    expect((await registry.consentOf(patient.address, insurer, CLAIMS))[2]).toBe(revokedAt);
    expect(await isGranted(insurer, await grantedAtOf(granted))).toBe(true);
    expect(await isGranted(insurer, revokedAt - 1n)).toBe(true);
    expect(await isGranted(insurer, revokedAt)).toBe(false);
    expect(await isGranted(insurer, revokedAt + DAY)).toBe(false);
  });

  it('refuses to revoke what was never granted or is already revoked', async () => {
    const insurer = anInsurer();
    const never = await revertOf(asPatient.revoke(insurer, CLAIMS), 'ConsentRegistry');
    expect(never).toEqual({ name: 'NoActiveConsent', args: [patient.address, insurer, CLAIMS] });

    await mined(asPatient.grant(insurer, CLAIMS, (await now()) + DAY));
    await mined(asPatient.revoke(insurer, CLAIMS));
    const twice = await revertOf(asPatient.revoke(insurer, CLAIMS), 'ConsentRegistry');
    expect(twice).toEqual({ name: 'NoActiveConsent', args: [patient.address, insurer, CLAIMS] });
  });

  it('keeps each grant period when the patient grants again after a revoke', async () => {
    const insurer = anInsurer();
    const first = await grantedAtOf(await mined(asPatient.grant(insurer, CLAIMS, (await now()) + 30n * DAY)));
    await advanceTime(chain.provider, DAY);
    const revokedAt = await grantedAtOf(await mined(asPatient.revoke(insurer, CLAIMS)));
    await advanceTime(chain.provider, DAY);
    const expiresAt = (await now()) + 10n * DAY;
    const second = await grantedAtOf(await mined(asPatient.grant(insurer, CLAIMS, expiresAt)));

    expect(await registry.consentOf(patient.address, insurer, CLAIMS)).toEqual([second, expiresAt, 0n]);
    expect(await isGranted(insurer, first + 60n)).toBe(true);
    expect(await isGranted(insurer, revokedAt + 60n)).toBe(false);
    expect(await isGranted(insurer, second)).toBe(true);
    expect(await isGranted(insurer, expiresAt)).toBe(false);
  });

  it('moves the expiry of a grant in force when granted again', async () => {
    const insurer = anInsurer();
    const grantedAt = await grantedAtOf(await mined(asPatient.grant(insurer, CLAIMS, (await now()) + DAY)));
    const later = (await now()) + 90n * DAY;
    await mined(asPatient.grant(insurer, CLAIMS, later));

    expect(await registry.consentOf(patient.address, insurer, CLAIMS)).toEqual([grantedAt, later, 0n]);
    expect(await isGranted(insurer, grantedAt)).toBe(true);
    expect(await isGranted(insurer, later - 1n)).toBe(true);
  });

  it('grants when relayed with the patient signature, consuming the patient nonce', async () => {
    const insurer = anInsurer();
    const signed = await signGrant(patient, insurer, (await now()) + 30n * DAY);
    const receipt = await mined(grantBySig(signed));

    expect(eventsOf(receipt, registry)).toEqual([
      { name: 'ConsentGranted', args: [patient.address, insurer, CLAIMS, signed.message.expiresAt] },
    ]);
    expect(await isGranted(insurer, await now())).toBe(true);
    expect(await registry.nonces(patient.address)).toBe(signed.message.nonce + 1n);
  });

  it('rejects a relayed grant signed by anyone but the patient', async () => {
    const insurer = anInsurer();
    const signed = await signGrant(stranger, insurer, (await now()) + DAY);
    const failure = await revertOf(grantBySig(signed), 'ConsentRegistry');
    expect(failure).toEqual({ name: 'InvalidSigner', args: [patient.address] });
    expect(await isGranted(insurer, await now())).toBe(false);
  });

  it('rejects a relayed grant with a longer expiry than the patient signed', async () => {
    const signed = await signGrant(patient, anInsurer(), (await now()) + DAY);
    const stretched = { ...signed, message: { ...signed.message, expiresAt: signed.message.expiresAt + 365n * DAY } };
    const failure = await revertOf(grantBySig(stretched), 'ConsentRegistry');
    expect(failure).toEqual({ name: 'InvalidSigner', args: [patient.address] });
  });

  it('rejects a relayed grant after its deadline', async () => {
    const deadline = (await now()) - 1n;
    const signed = await signGrant(patient, anInsurer(), (await now()) + DAY, { deadline });
    const failure = await revertOf(grantBySig(signed), 'ConsentRegistry');
    expect(failure).toEqual({ name: 'ExpiredSignature', args: [deadline] });
  });

  it('rejects a replayed grant signature, so a revoked consent cannot be brought back with it', async () => {
    const insurer = anInsurer();
    const signed = await signGrant(patient, insurer, (await now()) + 30n * DAY);
    await mined(grantBySig(signed));
    await mined(asPatient.revoke(insurer, CLAIMS));

    const failure = await revertOf(grantBySig(signed), 'ConsentRegistry');
    expect(failure).toEqual({ name: 'InvalidAccountNonce', args: [patient.address, signed.message.nonce + 1n] });
    expect(await isGranted(insurer, await now())).toBe(false);
  });

  it('revokes when relayed with the patient signature', async () => {
    const insurer = anInsurer();
    await mined(asPatient.grant(insurer, CLAIMS, (await now()) + 30n * DAY));
    const signed = await signRevoke(patient, insurer);
    const receipt = await mined(revokeBySig(signed));

    expect(eventsOf(receipt, registry)).toEqual([{ name: 'ConsentRevoked', args: [patient.address, insurer, CLAIMS] }]);
    expect(await isGranted(insurer, await now())).toBe(false);
    expect(await registry.nonces(patient.address)).toBe(signed.message.nonce + 1n);
  });

  it('rejects a relayed revoke that is forged, expired or replayed', async () => {
    const insurer = anInsurer();
    await mined(asPatient.grant(insurer, CLAIMS, (await now()) + 30n * DAY));

    const forged = await revertOf(revokeBySig(await signRevoke(stranger, insurer)), 'ConsentRegistry');
    expect(forged).toEqual({ name: 'InvalidSigner', args: [patient.address] });

    const deadline = (await now()) - 1n;
    const late = await revertOf(revokeBySig(await signRevoke(patient, insurer, { deadline })), 'ConsentRegistry');
    expect(late).toEqual({ name: 'ExpiredSignature', args: [deadline] });

    const signed = await signRevoke(patient, insurer);
    await mined(revokeBySig(signed));
    await mined(asPatient.grant(insurer, CLAIMS, (await now()) + 30n * DAY));
    const replay = await revertOf(revokeBySig(signed), 'ConsentRegistry');
    expect(replay).toEqual({ name: 'InvalidAccountNonce', args: [patient.address, signed.message.nonce + 1n] });
    expect(await isGranted(insurer, await now())).toBe(true);
  });

  it('answers isGranted and consentOf of many pairs in one call, each at its own time', async () => {
    const [revoked, never, inForce] = [anInsurer(), anInsurer(), anInsurer()];
    // The expiry as granted: the grant's block may be a second past `now()`, so it is not grantedAt + 30 days.
    const revokedExpiry = (await now()) + 30n * DAY;
    const grantedAt = await grantedAtOf(await mined(asPatient.grant(revoked, CLAIMS, revokedExpiry)));
    await advanceTime(chain.provider, DAY);
    const revokedAt = await grantedAtOf(await mined(asPatient.revoke(revoked, CLAIMS)));
    const expiresAt = (await now()) + 10n * DAY;
    const since = await grantedAtOf(await mined(asPatient.grant(inForce, CLAIMS, expiresAt)));
    const asks: [string, bigint][] = [
      [revoked, grantedAt + 60n],
      [revoked, revokedAt + 60n],
      [never, since],
      [inForce, since],
      [inForce, expiresAt],
    ];

    const [inForceFlags, latest] = await registry.consentsAt(
      asks.map(() => patient.address),
      asks.map(([insurer]) => insurer),
      CLAIMS,
      asks.map(([, at]) => at),
    );
    expect([...inForceFlags]).toEqual([true, false, false, true, false]);
    for (const [index, [insurer, at]] of asks.entries()) {
      expect(inForceFlags[index]).toBe(await isGranted(insurer, at));
      expect([...latest[index]]).toEqual([...(await registry.consentOf(patient.address, insurer, CLAIMS))]);
    }
    expect([...latest[0]]).toEqual([grantedAt, revokedExpiry, revokedAt]);
    expect([...latest[2]]).toEqual([0n, 0n, 0n]);
  });

  it('answers an empty batch with nothing, and refuses arrays of different lengths', async () => {
    expect(await registry.consentsAt([], [], CLAIMS, [])).toEqual([[], []]);
    const failure = await revertOf(
      registry.consentsAt([patient.address], [anInsurer(), anInsurer()], CLAIMS, [await now()]),
      'ConsentRegistry',
    );
    expect(failure).toEqual({ name: 'LengthMismatch', args: [] });
  });
});
