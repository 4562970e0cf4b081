import { type Contract, type HDNodeWallet, Wallet, id } from 'ethers';
import { startDevChain, type DevChain } from './support/dev-chain.js';
import { compileContracts, deploy, eventsOf, mined, revertOf } from './support/contracts.js';

const TOKEN = 10n ** 18n;
const ACME = id('insurer-acme');
const SETTLER_ROLE = id('SETTLER_ROLE');
const PAUSER_ROLE = id('PAUSER_ROLE');

let claimCounter = 0;
/** A claim id as the platform puts it on chain (keccak256 of the id string), new each time. */
const aClaimId = () => id(`claim-${++claimCounter}`);
const aPayee = () => Wallet.createRandom().address;

describe('ClaimSettlement', () => {
  let chain: DevChain;
  let treasury: HDNodeWallet; // deployer, token treasury, admin, pauser and settler, as on the dev chain
  let outsider: HDNodeWallet;
  let token: Contract;
  let settlement: Contract;

  beforeAll(async () => {
    compileContracts();
    chain = await startDevChain();
    treasury = chain.account(0);
    outsider = chain.account(4);
    token = await deploy('HceToken', treasury, treasury.address);
    settlement = await deploy('ClaimSettlement', treasury, token.target, treasury.address, treasury.address);
    await mined(token.approve(settlement.target, 2n ** 255n));
  });

  afterAll(async () => {
    await chain?.stop();
  });

  const escrowOf = (insurer: string): Promise<bigint> => settlement.escrowOf(insurer);
  const balanceOf = (address: string): Promise<bigint> => token.balanceOf(address);
  const fund = (insurer: string, amount: bigint) => mined(settlement.deposit(insurer, amount));
  /** A fresh insurer with `amount` in escrow, so each test sees only its own balance. */
  async function aFundedInsurer(amount: bigint): Promise<string> {
    const insurer = id(`insurer-${aClaimId()}`);
    if (amount > 0n) await fund(insurer, amount);
    return insurer;
  }
  const settle = (insurer: string, payouts: { claimId: string; payee: string; amount: bigint }[], as = settlement) =>
    as.settleBatch(
      insurer,
      payouts.map((payout) => payout.claimId),
      payouts.map((payout) => payout.payee),
      payouts.map((payout) => payout.amount),
    );

  it('wires the token and the roles given at deployment', async () => {
    expect(await settlement.token()).toBe(token.target);
    expect(await settlement.hasRole(await settlement.DEFAULT_ADMIN_ROLE(), treasury.address)).toBe(true);
    expect(await settlement.SETTLER_ROLE()).toBe(SETTLER_ROLE);
    expect(await settlement.PAUSER_ROLE()).toBe(PAUSER_ROLE);
    expect(await settlement.hasRole(SETTLER_ROLE, treasury.address)).toBe(true);
    expect(await settlement.hasRole(PAUSER_ROLE, treasury.address)).toBe(true);
    expect(await settlement.hasRole(SETTLER_ROLE, outsider.address)).toBe(false);
  });

  it('pulls a deposit from the caller into the insurer escrow', async () => {
    const [treasuryBefore, heldBefore, escrowBefore] = [
      await balanceOf(treasury.address),
      await balanceOf(settlement.target as string),
      await escrowOf(ACME),
    ];
    const receipt = await fund(ACME, 5_000n * TOKEN);

    expect(await escrowOf(ACME)).toBe(escrowBefore + 5_000n * TOKEN);
    expect(await balanceOf(treasury.address)).toBe(treasuryBefore - 5_000n * TOKEN);
    expect(await balanceOf(settlement.target as string)).toBe(heldBefore + 5_000n * TOKEN);
    expect(eventsOf(receipt, settlement)).toEqual([
      { name: 'Deposited', args: [ACME, treasury.address, 5_000n * TOKEN] },
    ]);
  });

  it('lets anyone fund any insurer', async () => {
    const insurer = await aFundedInsurer(0n);
    await mined(token.transfer(outsider.address, 100n * TOKEN));
    await mined((token.connect(outsider) as Contract).approve(settlement.target, 100n * TOKEN));
    const receipt = await mined((settlement.connect(outsider) as Contract).deposit(insurer, 100n * TOKEN));

    expect(await escrowOf(insurer)).toBe(100n * TOKEN);
    expect(eventsOf(receipt, settlement)).toEqual([
      { name: 'Deposited', args: [insurer, outsider.address, 100n * TOKEN] },
    ]);
  });

  it('refuses a deposit the caller has not approved, leaving the escrow unchanged', async () => {
    const insurer = await aFundedInsurer(0n);
    const asOutsider = settlement.connect(outsider) as Contract;
    const failure = await revertOf(asOutsider.deposit(insurer, 1n), 'ClaimSettlement', 'HceToken');
    expect(failure.name).toBe('ERC20InsufficientAllowance');
    expect(await escrowOf(insurer)).toBe(0n);
  });

  it('pays each claim of a batch to its payee out of the insurer escrow', async () => {
    const insurer = await aFundedInsurer(1_000n * TOKEN);
    const payouts = [
      { claimId: aClaimId(), payee: aPayee(), amount: 120n * TOKEN },
      { claimId: aClaimId(), payee: aPayee(), amount: 80n * TOKEN },
    ];
    const receipt = await mined(settle(insurer, payouts));

    for (const { claimId, payee, amount } of payouts) {
      expect(await balanceOf(payee)).toBe(amount);
      expect(await settlement.settledAmount(claimId)).toBe(amount);
    }
    expect(await escrowOf(insurer)).toBe(800n * TOKEN);
    expect(eventsOf(receipt, settlement)).toEqual(
      payouts.map(({ claimId, payee, amount }) => ({ name: 'Settled', args: [insurer, claimId, payee, amount] })),
    );
  });

  it('reads an unsettled claim as settled for 0', async () => {
    expect(await settlement.settledAmount(aClaimId())).toBe(0n);
  });

  it('never pays a claim twice: a second batch with the same id skips it with an event', async () => {
    const insurer = await aFundedInsurer(1_000n * TOKEN);
    const paid = { claimId: aClaimId(), payee: aPayee(), amount: 300n * TOKEN };
    await mined(settle(insurer, [paid]));

    const fresh = { claimId: aClaimId(), payee: aPayee(), amount: 50n * TOKEN };
    const retried = { ...paid, amount: 999n * TOKEN }; // a retry with another amount is skipped just the same
    const receipt = await mined(settle(insurer, [retried, fresh]));

    expect(eventsOf(receipt, settlement)).toEqual([
      { name: 'SettlementSkipped', args: [paid.claimId] },
      { name: 'Settled', args: [insurer, fresh.claimId, fresh.payee, fresh.amount] },
    ]);
    expect(await balanceOf(paid.payee)).toBe(300n * TOKEN);
    expect(await settlement.settledAmount(paid.claimId)).toBe(300n * TOKEN);
    expect(await escrowOf(insurer)).toBe(650n * TOKEN);

    const onlyRepeats = await mined(settle(insurer, [paid, fresh]));
    expect(eventsOf(onlyRepeats, settlement).map((event) => event.name)).toEqual([
      'SettlementSkipped',
      'SettlementSkipped',
    ]);
    expect([await balanceOf(paid.payee), await balanceOf(fresh.payee), await escrowOf(insurer)]).toEqual([
      300n * TOKEN,
      50n * TOKEN,
      650n * TOKEN,
    ]);
  });

  it('pays a claim id listed twice in one batch only once', async () => {
    const insurer = await aFundedInsurer(1_000n * TOKEN);
    const payout = { claimId: aClaimId(), payee: aPayee(), amount: 10n * TOKEN };
    const receipt = await mined(settle(insurer, [payout, payout]));

    expect(eventsOf(receipt, settlement).map((event) => event.name)).toEqual(['Settled', 'SettlementSkipped']);
    expect(await balanceOf(payout.payee)).toBe(10n * TOKEN);
    expect(await escrowOf(insurer)).toBe(990n * TOKEN);
  });

  /** The token transfers out of the escrow contract in a receipt, as (payee, amount). */
  const transfersOf = (receipt: Parameters<typeof eventsOf>[0]) =>
    eventsOf(receipt, token)
      .filter((event) => event.name === 'Transfer' && event.args[0] === settlement.target)
      .map((event) => ({ to: event.args[1], amount: event.args[2] }));

  it('pays several claims of one payee with one transfer, settling and announcing each claim', async () => {
    const insurer = await aFundedInsurer(1_000n * TOKEN);
    const payee = aPayee();
    const payouts = [10n, 20n, 30n].map((tokens) => ({ claimId: aClaimId(), payee, amount: tokens * TOKEN }));
    const receipt = await mined(settle(insurer, payouts));

    expect(transfersOf(receipt)).toEqual([{ to: payee, amount: 60n * TOKEN }]);
    expect(eventsOf(receipt, settlement)).toEqual(
      payouts.map(({ claimId, amount }) => ({ name: 'Settled', args: [insurer, claimId, payee, amount] })),
    );
    for (const { claimId, amount } of payouts) expect(await settlement.settledAmount(claimId)).toBe(amount);
    expect(await balanceOf(payee)).toBe(60n * TOKEN);
    expect(await escrowOf(insurer)).toBe(940n * TOKEN);
  });

  it('sends one transfer per run of a payee in a batch of mixed payees, each for its own claims', async () => {
    const insurer = await aFundedInsurer(1_000n * TOKEN);
    const [alice, bob] = [aPayee(), aPayee()];
    const payout = (payee: string, tokens: bigint) => ({ claimId: aClaimId(), payee, amount: tokens * TOKEN });
    // Grouped as the bridge sends them, and then a payee again after another: still paid, in its own transfer.
    const payouts = [payout(alice, 1n), payout(alice, 2n), payout(bob, 4n), payout(bob, 8n), payout(alice, 16n)];
    const receipt = await mined(settle(insurer, payouts));

    expect(transfersOf(receipt)).toEqual([
      { to: alice, amount: 3n * TOKEN },
      { to: bob, amount: 12n * TOKEN },
      { to: alice, amount: 16n * TOKEN },
    ]);
    expect(eventsOf(receipt, settlement)).toEqual(
      payouts.map(({ claimId, payee, amount }) => ({ name: 'Settled', args: [insurer, claimId, payee, amount] })),
    );
    expect([await balanceOf(alice), await balanceOf(bob), await escrowOf(insurer)]).toEqual([
      19n * TOKEN,
      12n * TOKEN,
      969n * TOKEN,
    ]);
  });

  it('leaves a settled or repeated claim out of its payee transfer, and sends none when all were paid', async () => {
    const insurer = await aFundedInsurer(1_000n * TOKEN);
    const payee = aPayee();
    const paidBefore = { claimId: aClaimId(), payee, amount: 100n * TOKEN };
    await mined(settle(insurer, [paidBefore]));
    const fresh = { claimId: aClaimId(), payee, amount: 7n * TOKEN };
    const receipt = await mined(settle(insurer, [paidBefore, fresh, fresh]));

    expect(eventsOf(receipt, settlement)).toEqual([
      { name: 'SettlementSkipped', args: [paidBefore.claimId] },
      { name: 'Settled', args: [insurer, fresh.claimId, payee, fresh.amount] },
      { name: 'SettlementSkipped', args: [fresh.claimId] },
    ]);
    expect(transfersOf(receipt)).toEqual([{ to: payee, amount: 7n * TOKEN }]);
    expect([await balanceOf(payee), await escrowOf(insurer)]).toEqual([107n * TOKEN, 893n * TOKEN]);

    const allRepeats = await mined(settle(insurer, [paidBefore, fresh]));
    expect(transfersOf(allRepeats)).toEqual([]);
    expect([await balanceOf(payee), await escrowOf(insurer)]).toEqual([107n * TOKEN, 893n * TOKEN]);
  });

  it('reverts a grouped batch whose payee total is beyond the escrow, paying nothing', async () => {
    const insurer = await aFundedInsurer(100n * TOKEN);
    const payee = aPayee();
    const payouts = [60n, 30n, 20n].map((tokens) => ({ claimId: aClaimId(), payee, amount: tokens * TOKEN }));
    const failure = await revertOf(settle(insurer, payouts), 'ClaimSettlement');

    expect(failure).toEqual({ name: 'InsufficientEscrow', args: [insurer, 100n * TOKEN, 110n * TOKEN] });
    expect([await escrowOf(insurer), await balanceOf(payee)]).toEqual([100n * TOKEN, 0n]);
    for (const { claimId } of payouts) expect(await settlement.settledAmount(claimId)).toBe(0n);
  });

  it('reverts a whole batch beyond the insurer escrow, paying nothing', async () => {
    const insurer = await aFundedInsurer(100n * TOKEN);
    const payouts = [
      { claimId: aClaimId(), payee: aPayee(), amount: 60n * TOKEN },
      { claimId: aClaimId(), payee: aPayee(), amount: 60n * TOKEN },
    ];
    const failure = await revertOf(settle(insurer, payouts), 'ClaimSettlement');

    expect(failure).toEqual({ name: 'InsufficientEscrow', args: [insurer, 100n * TOKEN, 120n * TOKEN] });
    expect(await escrowOf(insurer)).toBe(100n * TOKEN);
    for (const { claimId, payee } of payouts) {
      expect(await settlement.settledAmount(claimId)).toBe(0n);
      expect(await balanceOf(payee)).toBe(0n);
    }
  });

  it('never spends another insurer escrow, even when the contract holds enough', async () => {
    await aFundedInsurer(10_000n * TOKEN);
    const poor = await aFundedInsurer(1n * TOKEN);
    const failure = await revertOf(
      settle(poor, [{ claimId: aClaimId(), payee: aPayee(), amount: 2n * TOKEN }]),
      'ClaimSettlement',
    );
    expect(failure).toEqual({ name: 'InsufficientEscrow', args: [poor, TOKEN, 2n * TOKEN] });
  });

  it('rejects a batch from an account without the settler role', async () => {
    const insurer = await aFundedInsurer(100n * TOKEN);
    const asOutsider = settlement.connect(outsider) as Contract;
    const payout = { claimId: aClaimId(), payee: outsider.address, amount: TOKEN };
    const failure = await revertOf(settle(insurer, [payout], asOutsider), 'ClaimSettlement');
    expect(failure).toEqual({ name: 'AccessControlUnauthorizedAccount', args: [outsider.address, SETTLER_ROLE] });
  });

  it('lets the admin hand the settler role to another key and take it back', async () => {
    const insurer = await aFundedInsurer(100n * TOKEN);
    const asOutsider = settlement.connect(outsider) as Contract;
    await mined(settlement.grantRole(SETTLER_ROLE, outsider.address));
    const payout = { claimId: aClaimId(), payee: aPayee(), amount: TOKEN };
    await mined(settle(insurer, [payout], asOutsider));
    expect(await balanceOf(payout.payee)).toBe(TOKEN);

    await mined(settlement.revokeRole(SETTLER_ROLE, outsider.address));
    const failure = await revertOf(
      settle(insurer, [{ ...payout, claimId: aClaimId() }], asOutsider),
      'ClaimSettlement',
    );
    expect(failure.name).toBe('AccessControlUnauthorizedAccount');
  });

  it('rejects a batch whose lists differ in length', async () => {
    const insurer = await aFundedInsurer(100n * TOKEN);
    const failure = await revertOf(settlement.settleBatch(insurer, [aClaimId()], [aPayee()], []), 'ClaimSettlement');
    expect(failure).toEqual({ name: 'LengthMismatch', args: [] });
  });

  it('rejects a zero payout, which would leave the claim looking unpaid', async () => {
    const insurer = await aFundedInsurer(100n * TOKEN);
    const claimId = aClaimId();
    const failure = await revertOf(settle(insurer, [{ claimId, payee: aPayee(), amount: 0n }]), 'ClaimSettlement');
    expect(failure).toEqual({ name: 'ZeroAmount', args: [claimId] });
  });

  it('stops settlements and deposits while paused, and resumes when unpaused', async () => {
    const insurer = await aFundedInsurer(100n * TOKEN);
    const payout = { claimId: aClaimId(), payee: aPayee(), amount: TOKEN };
    const notPauser = await revertOf((settlement.connect(outsider) as Contract).pause(), 'ClaimSettlement');
    expect(notPauser).toEqual({ name: 'AccessControlUnauthorizedAccount', args: [outsider.address, PAUSER_ROLE] });

    const paused = await mined(settlement.pause());
    expect(eventsOf(paused, settlement)).toEqual([{ name: 'Paused', args: [treasury.address] }]);
    expect(await settlement.paused()).toBe(true);
    expect(await revertOf(settle(insurer, [payout]), 'ClaimSettlement')).toEqual({ name: 'EnforcedPause', args: [] });
    expect(await revertOf(settlement.deposit(insurer, TOKEN), 'ClaimSettlement')).toEqual({
      name: 'EnforcedPause',
      args: [],
    });
    const notUnpauser = await revertOf((settlement.connect(outsider) as Contract).unpause(), 'ClaimSettlement');
    expect(notUnpauser.name).toBe('AccessControlUnauthorizedAccount');

    const unpaused = await mined(settlement.unpause());
    expect(eventsOf(unpaused, settlement)).toEqual([{ name: 'Unpaused', args: [treasury.address] }]);
    expect(await revertOf(settlement.unpause(), 'ClaimSettlement')).toEqual({ name: 'ExpectedPause', args: [] });
    await mined(settle(insurer, [payout]));
    expect(await balanceOf(payout.payee)).toBe(TOKEN);
  });

  describe('gas per payout in a batch of 100', () => {
    const BATCH = 100;
    const amount = 12_345n * 10n ** 16n; // 123.45 tokens, a typical claim

    async function gasPerPayout(insurer: string, payees: string[]): Promise<bigint> {
      const payouts = payees.map((payee) => ({ claimId: aClaimId(), payee, amount }));
      const receipt = await mined(settle(insurer, payouts));
      expect(eventsOf(receipt, settlement).filter((event) => event.name === 'Settled')).toHaveLength(BATCH);
      return receipt.gasUsed / BigInt(BATCH);
    }
    /** `perPayee` claims of each payee, listed together as the bridge groups them. */
    const grouped = (payees: string[], perPayee: number) => payees.flatMap((payee) => Array(perPayee).fill(payee));

    it('stays within 32,000 gas per payout to returning payees with several claims each (base cost included)', async () => {
      const insurer = await aFundedInsurer(1_000_000n * TOKEN);
      const payees = Array.from({ length: BATCH }, aPayee);
      const newPayees = await gasPerPayout(insurer, payees);
      const distinctPayees = await gasPerPayout(insurer, payees);
      const twoEach = await gasPerPayout(insurer, grouped(payees.slice(0, 50), 2));
      const fourEach = await gasPerPayout(insurer, grouped(payees.slice(0, 25), 4));
      const tenEach = await gasPerPayout(insurer, grouped(payees.slice(0, 10), 10));
      const onePayee = await gasPerPayout(insurer, grouped(payees.slice(0, 1), BATCH));

      console.log(
        [
          `ClaimSettlement.settleBatch, batch of ${BATCH}, gas per payout (receipt gasUsed / ${BATCH}):`,
          `  returning payees, 1 claim each (100 transfers): ${distinctPayees}`,
          `  returning payees, 2 claims each (50 transfers): ${twoEach}`,
          `  returning payees, 4 claims each (25 transfers): ${fourEach}`,
          `  returning payees, 10 claims each (10 transfers): ${tenEach}`,
          `  1 returning payee (1 transfer):                 ${onePayee}`,
          `  100 new payees:       ${newPayees} (first tokens ever: the token's balance slot is created)`,
        ].join('\n'),
      );
      // One transfer per claim is the worst case for returning payees: the claim's marker and event remain.
      expect(distinctPayees).toBeLessThanOrEqual(36_000n);
      expect(twoEach).toBeLessThanOrEqual(32_000n);
      expect(fourEach).toBeLessThan(twoEach);
      expect(tenEach).toBeLessThan(fourEach);
      expect(onePayee).toBeLessThan(tenEach);
    });
  });
});
