import { type Contract, type HDNodeWallet, id } from 'ethers';
import { startDevChain, type DevChain } from './support/dev-chain.js';
import { compileContracts, deploy, eventsOf, mined, revertOf } from './support/contracts.js';

const SUPPLY = 182_500_000n * 10n ** 18n;

describe('HceToken', () => {
  let chain: DevChain;
  let treasury: HDNodeWallet;
  let holder: HDNodeWallet;
  let token: Contract;

  beforeAll(async () => {
    compileContracts();
    chain = await startDevChain();
    treasury = chain.account(0);
    holder = chain.account(1);
    token = await deploy('HceToken', treasury, treasury.address);
  });

  afterAll(async () => {
    await chain?.stop();
  });

  it('is the HCE Token, HCET, with 18 decimals', async () => {
    expect(await token.name()).toBe('HCE Token');
    expect(await token.symbol()).toBe('HCET');
    expect(await token.decimals()).toBe(18n);
  });

  it('mints the fixed supply of 182,500,000 tokens once, all to the treasury', async () => {
    expect(await token.FIXED_SUPPLY()).toBe(SUPPLY);
    expect(await token.totalSupply()).toBe(SUPPLY);
    expect(await token.balanceOf(treasury.address)).toBe(SUPPLY);
  });

  it('has no way to mint more: no mint function, and a mint call is rejected', async () => {
    const functions = token.interface.fragments.filter((fragment) => fragment.type === 'function');
    expect(functions.map((fragment) => fragment.format('sighash')).filter((sig) => /mint/i.test(sig))).toEqual([]);
    const mintSelector = id('mint(address,uint256)').slice(0, 10);
    const mintCall = `${mintSelector}${treasury.address.slice(2).padStart(64, '0')}${'1'.padStart(64, '0')}`;
    await expect(treasury.sendTransaction({ to: token.target, data: mintCall })).rejects.toMatchObject({
      code: 'CALL_EXCEPTION',
    });
    expect(await token.totalSupply()).toBe(SUPPLY);
  });

  it('transfers with a Transfer event', async () => {
    const receipt = await mined(token.transfer(holder.address, 1000n));
    expect(await token.balanceOf(holder.address)).toBe(1000n);
    expect(eventsOf(receipt, token)).toEqual([{ name: 'Transfer', args: [treasury.address, holder.address, 1000n] }]);
  });

  it('lets a holder burn its own tokens, shrinking the supply', async () => {
    const supplyBefore: bigint = await token.totalSupply();
    const holderToken = token.connect(holder) as Contract;
    await mined(holderToken.burn(400n));
    expect(await token.balanceOf(holder.address)).toBe(600n);
    expect(await token.totalSupply()).toBe(supplyBefore - 400n);
  });

  it('burns from another holder only within the allowance', async () => {
    const holderToken = token.connect(holder) as Contract;
    const denied = await revertOf(token.burnFrom(holder.address, 100n), 'HceToken');
    expect(denied).toEqual({ name: 'ERC20InsufficientAllowance', args: [treasury.address, 0n, 100n] });

    await mined(holderToken.approve(treasury.address, 100n));
    await mined(token.burnFrom(holder.address, 100n));
    expect(await token.balanceOf(holder.address)).toBe(500n);
    expect(await token.allowance(holder.address, treasury.address)).toBe(0n);
  });

  it('refuses to burn more than a holder has', async () => {
    const holderToken = token.connect(holder) as Contract;
    const failure = await revertOf(holderToken.burn(501n), 'HceToken');
    expect(failure).toEqual({ name: 'ERC20InsufficientBalance', args: [holder.address, 500n, 501n] });
  });
});
