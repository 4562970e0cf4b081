import { Wallet, id } from 'ethers';
import { RECORD_ANCHOR_TYPES, recordRegistryDomain } from '../../contracts/index.js';
import { recordAnchorMessage } from '#libs/contracts';
import { checkSignedMessage, type SignedMessageRules } from './signed-message.js';

const clinic = Wallet.createRandom();
const domain = recordRegistryDomain(31337n, '0x5FbDB2315678afecb367f032d93F642f64180aa3');
const NOW = 1_800_000_000;
const message = {
  recordId: id('REC-1'),
  contentHash: `0x${'ab'.repeat(32)}`,
  patient: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  nonce: 3,
  deadline: NOW + 900,
};
type Message = typeof message;

async function rules(overrides: Partial<SignedMessageRules<Message>> = {}): Promise<SignedMessageRules<Message>> {
  return {
    schema: recordAnchorMessage,
    expected: { recordId: message.recordId, contentHash: message.contentHash, patient: message.patient },
    domain,
    types: RECORD_ANCHOR_TYPES,
    signature: await clinic.signTypedData(domain, RECORD_ANCHOR_TYPES, message),
    signer: { address: clinic.address, who: 'clinic' },
    nextNonce: 3,
    now: NOW,
    ...overrides,
  };
}

describe('checking a signed EIP-712 message before relaying it', () => {
  it('accepts the registered signer’s fresh signature with its next nonce', async () => {
    expect(checkSignedMessage(message, await rules())).toEqual({ ok: true, message });
  });

  it('refuses another signer with 403', async () => {
    const signature = await Wallet.createRandom().signTypedData(domain, RECORD_ANCHOR_TYPES, message);
    expect(checkSignedMessage(message, await rules({ signature }))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('refuses a malformed signature with 400 on the signature field', async () => {
    const checked = checkSignedMessage(message, await rules({ signature: '0x1234' }));
    expect(checked).toMatchObject({ ok: false, code: 'VALIDATION', errors: [{ field: 'signature' }] });
  });

  it('refuses a message that says something else than the request', async () => {
    const other = { ...message, contentHash: `0x${'cd'.repeat(32)}` };
    const checked = checkSignedMessage(other, await rules());
    expect(checked).toMatchObject({ ok: false, code: 'VALIDATION', errors: [{ field: 'message.contentHash' }] });
  });

  it('refuses an expired deadline and a used nonce with 400', async () => {
    expect(checkSignedMessage(message, await rules({ now: NOW + 901 }))).toMatchObject({
      errors: [{ field: 'message.deadline', message: 'has passed' }],
    });
    expect(checkSignedMessage(message, await rules({ nextNonce: 4 }))).toMatchObject({
      errors: [{ field: 'message.nonce', message: 'has already been used' }],
    });
  });

  it('refuses unknown or missing fields in the message', async () => {
    const checked = checkSignedMessage({ ...message, extra: 1 }, await rules());
    expect(checked).toMatchObject({ ok: false, code: 'VALIDATION' });
    const missing = checkSignedMessage({ ...message, nonce: undefined }, await rules());
    expect(missing).toMatchObject({ ok: false, errors: [{ field: 'message.nonce' }] });
  });
});
