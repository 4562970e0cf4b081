import { createHash } from 'node:crypto';
import { type Contract, type HDNodeWallet, TypedDataEncoder, ZeroAddress, ZeroHash, id } from 'ethers';
import { DEV_CHAIN_ID, chainTime, startDevChain, type DevChain } from './support/dev-chain.js';
import { compileContracts, deploy, eventsOf, mined, revertOf } from './support/contracts.js';
import { RECORD_ANCHOR_TYPES, recordRegistryDomain, type RecordAnchorMessage } from '../typed-data.js';

/** A record as the platform anchors it: keccak256 of its id string, SHA-256 of its content. */
function aRecord(label: string) {
  return {
    recordId: id(`record-${label}`),
    contentHash: `0x${createHash('sha256').update(`content of ${label}`).digest('hex')}`,
  };
}

describe('RecordRegistry', () => {
  let chain: DevChain;
  let clinic: HDNodeWallet;
  let otherClinic: HDNodeWallet;
  let patient: HDNodeWallet;
  let relayer: HDNodeWallet;
  let registry: Contract;
  let relayed: Contract;

  beforeAll(async () => {
    compileContracts();
    chain = await startDevChain();
    [relayer, clinic, patient, otherClinic] = [0, 1, 2, 5].map((index) => chain.account(index));
    registry = await deploy('RecordRegistry', relayer);
    relayed = registry.connect(relayer) as Contract;
  });

  afterAll(async () => {
    await chain?.stop();
  });

  async function signedAnchor(
    signer: HDNodeWallet,
    record: { recordId: string; contentHash: string },
    overrides: Partial<RecordAnchorMessage> = {},
  ) {
    const message: RecordAnchorMessage = {
      ...record,
      patient: patient.address,
      nonce: await registry.nonces(clinic.address),
      deadline: (await chainTime(chain.provider)) + 3600n,
      ...overrides,
    };
    const domain = recordRegistryDomain(DEV_CHAIN_ID, registry.target as string);
    const signature = await signer.signTypedData(domain, RECORD_ANCHOR_TYPES, message);
    return { message, signature };
  }

  function anchorBySig(message: RecordAnchorMessage, signature: string, claimedClinic = clinic.address) {
    const { recordId, contentHash, patient: patientAddress, nonce, deadline } = message;
    return relayed.anchorBySig(recordId, contentHash, patientAddress, claimedClinic, nonce, deadline, signature);
  }

  it('verifies the same EIP-712 domain and RecordAnchor type that signers use', async () => {
    const domain = recordRegistryDomain(DEV_CHAIN_ID, registry.target as string);
    expect(await registry.DOMAIN_SEPARATOR()).toBe(TypedDataEncoder.hashDomain(domain));
    expect(await registry.RECORD_ANCHOR_TYPEHASH()).toBe(
      id(TypedDataEncoder.from(RECORD_ANCHOR_TYPES).encodeType('RecordAnchor')),
    );
  });

  it('anchors a record from the clinic directly and reads it back with the clinic and time', async () => {
    const record = aRecord('direct');
    const receipt = await mined(
      (registry.connect(clinic) as Contract).anchor(record.recordId, record.contentHash, patient.address),
    );
    const block = await chain.provider.getBlock(receipt.blockNumber);

    expect(await registry.recordOf(record.recordId)).toEqual([
      record.contentHash,
      clinic.address,
      patient.address,
      BigInt(block!.timestamp),
    ]);
    expect(eventsOf(receipt, registry)).toEqual([
      { name: 'RecordAnchored', args: [record.recordId, clinic.address, patient.address, record.contentHash] },
    ]);
  });

  it('reads an unknown record as all zero', async () => {
    expect(await registry.recordOf(id('never-anchored'))).toEqual([ZeroHash, ZeroAddress, ZeroAddress, 0n]);
  });

  it('reads many records in one call, in the order asked, unknown ones as all zero', async () => {
    const [first, second] = [aRecord('batch-1'), aRecord('batch-2')];
    await mined((registry.connect(clinic) as Contract).anchor(first.recordId, first.contentHash, patient.address));
    await mined(
      (registry.connect(otherClinic) as Contract).anchor(second.recordId, second.contentHash, patient.address),
    );
    const ids = [second.recordId, id('never-anchored'), first.recordId, second.recordId];

    // Each as `recordOf` reads it: (contentHash, clinic, patient, anchoredAt).
    const asRecordOf = (record: { contentHash: string; clinic: string; patient: string; anchoredAt: bigint }) => [
      record.contentHash,
      record.clinic,
      record.patient,
      record.anchoredAt,
    ];
    const records = await registry.recordsOf(ids);
    const singles = await Promise.all(ids.map(async (recordId) => [...(await registry.recordOf(recordId))]));
    expect(records.map(asRecordOf)).toEqual(singles);
    expect(asRecordOf(records[0]).slice(0, 3)).toEqual([second.contentHash, otherClinic.address, patient.address]);
    expect(asRecordOf(records[1])).toEqual([ZeroHash, ZeroAddress, ZeroAddress, 0n]);
    expect(await registry.recordsOf([])).toEqual([]);
  });

  it('refuses to re-anchor a record, by its clinic or another, so the hash can never be swapped', async () => {
    const record = aRecord('fixed');
    await mined((registry.connect(clinic) as Contract).anchor(record.recordId, record.contentHash, patient.address));
    const swapped = aRecord('forged').contentHash;

    for (const who of [clinic, otherClinic]) {
      const failure = await revertOf(
        (registry.connect(who) as Contract).anchor(record.recordId, swapped, patient.address),
        'RecordRegistry',
      );
      expect(failure).toEqual({ name: 'RecordAlreadyAnchored', args: [record.recordId] });
    }
    const [contentHash, anchoredBy] = await registry.recordOf(record.recordId);
    expect([contentHash, anchoredBy]).toEqual([record.contentHash, clinic.address]);
  });

  it('anchors for the clinic when relayed with its signature, consuming its nonce', async () => {
    const record = aRecord('relayed');
    const { message, signature } = await signedAnchor(clinic, record);
    const receipt = await mined(anchorBySig(message, signature));

    const [contentHash, anchoredBy, patientAddress] = await registry.recordOf(record.recordId);
    expect([contentHash, anchoredBy, patientAddress]).toEqual([record.contentHash, clinic.address, patient.address]);
    expect(await registry.nonces(clinic.address)).toBe(message.nonce + 1n);
    expect(eventsOf(receipt, registry)).toEqual([
      { name: 'RecordAnchored', args: [record.recordId, clinic.address, patient.address, record.contentHash] },
    ]);
  });

  it('rejects a relayed anchor signed by someone other than the clinic it names', async () => {
    const record = aRecord('wrong-signer');
    const { message, signature } = await signedAnchor(otherClinic, record);

    const failure = await revertOf(anchorBySig(message, signature), 'RecordRegistry');
    expect(failure).toEqual({ name: 'InvalidSigner', args: [clinic.address] });
    expect((await registry.recordOf(record.recordId))[0]).toBe(ZeroHash);
  });

  it('rejects a relayed anchor whose message differs from what the clinic signed', async () => {
    const record = aRecord('tampered');
    const { message, signature } = await signedAnchor(clinic, record);
    const tampered = { ...message, contentHash: aRecord('other content').contentHash };

    const failure = await revertOf(anchorBySig(tampered, signature), 'RecordRegistry');
    expect(failure).toEqual({ name: 'InvalidSigner', args: [clinic.address] });
  });

  it('rejects a signature that is not a signature at all', async () => {
    const { message } = await signedAnchor(clinic, aRecord('garbage'));
    const failure = await revertOf(anchorBySig(message, '0x1234'), 'RecordRegistry');
    expect(failure).toEqual({ name: 'InvalidSigner', args: [clinic.address] });
  });

  it('rejects a relayed anchor after its deadline', async () => {
    const deadline = (await chainTime(chain.provider)) - 1n;
    const { message, signature } = await signedAnchor(clinic, aRecord('late'), { deadline });

    const failure = await revertOf(anchorBySig(message, signature), 'RecordRegistry');
    expect(failure).toEqual({ name: 'ExpiredSignature', args: [deadline] });
  });

  it('rejects a replayed signature, and one with a nonce other than the next', async () => {
    const { message, signature } = await signedAnchor(clinic, aRecord('once'));
    await mined(anchorBySig(message, signature));

    const replay = await revertOf(anchorBySig(message, signature), 'RecordRegistry');
    expect(replay).toEqual({ name: 'InvalidAccountNonce', args: [clinic.address, message.nonce + 1n] });

    const ahead = await signedAnchor(clinic, aRecord('ahead'), { nonce: message.nonce + 5n });
    const skipped = await revertOf(anchorBySig(ahead.message, ahead.signature), 'RecordRegistry');
    expect(skipped).toEqual({ name: 'InvalidAccountNonce', args: [clinic.address, message.nonce + 1n] });
  });

  it('refuses a relayed re-anchor without using up the clinic nonce', async () => {
    const record = aRecord('relayed-twice');
    await mined((registry.connect(clinic) as Contract).anchor(record.recordId, record.contentHash, patient.address));
    const { message, signature } = await signedAnchor(clinic, record);

    const failure = await revertOf(anchorBySig(message, signature), 'RecordRegistry');
    expect(failure).toEqual({ name: 'RecordAlreadyAnchored', args: [record.recordId] });
    expect(await registry.nonces(clinic.address)).toBe(message.nonce);
  });
});
