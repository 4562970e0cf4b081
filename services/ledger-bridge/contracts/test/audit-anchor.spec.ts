import { createHash } from 'node:crypto';
import { type Contract, type HDNodeWallet, ZeroHash } from 'ethers';
import { startDevChain, type DevChain } from './support/dev-chain.js';
import { compileContracts, deploy, eventsOf, mined, revertOf } from './support/contracts.js';

const headOf = (text: string) => `0x${createHash('sha256').update(text).digest('hex')}`;

describe('AuditAnchor', () => {
  let chain: DevChain;
  let deployer: HDNodeWallet;
  let relayer: HDNodeWallet;
  let stranger: HDNodeWallet;
  let anchors: Contract;

  beforeAll(async () => {
    compileContracts();
    chain = await startDevChain();
    [deployer, relayer, stranger] = [0, 1, 2].map((index) => chain.account(index));
    anchors = await deploy('AuditAnchor', deployer, relayer.address);
  });

  afterAll(async () => {
    await chain?.stop();
  });

  it('records a head for the relayer and tells the world in an event', async () => {
    const receipt = await mined((anchors.connect(relayer) as Contract).getFunction('anchor')(12, headOf('row 12')));
    expect(eventsOf(receipt, anchors)).toEqual([{ name: 'AuditAnchored', args: [12n, headOf('row 12')] }]);
    expect(await anchors.getFunction('headAt')(12)).toBe(headOf('row 12'));
    expect(await anchors.getFunction('lastSeq')()).toBe(12n);
  });

  it('lets no one but the relayer anchor, not even its deployer', async () => {
    for (const caller of [stranger, deployer]) {
      const refused = await revertOf(
        (anchors.connect(caller) as Contract).getFunction('anchor')(13, headOf('x')),
        'AuditAnchor',
      );
      expect(refused).toEqual({ name: 'NotAnchorer', args: [caller.address] });
    }
  });

  it('only moves forward, so an anchored head can never be replaced', async () => {
    const asRelayer = anchors.connect(relayer) as Contract;
    expect(await revertOf(asRelayer.getFunction('anchor')(12, headOf('forged')), 'AuditAnchor')).toEqual({
      name: 'SeqNotAfterLast',
      args: [12n, 12n],
    });
    expect(await revertOf(asRelayer.getFunction('anchor')(11, headOf('forged')), 'AuditAnchor')).toMatchObject({
      name: 'SeqNotAfterLast',
    });
    expect((await revertOf(asRelayer.getFunction('anchor')(20, ZeroHash), 'AuditAnchor')).name).toBe('EmptyHead');
    expect(await anchors.getFunction('headAt')(12)).toBe(headOf('row 12'));
  });
});
