import type { Contract, Wallet } from 'ethers';

export interface RelayedTransaction {
  txHash: string;
  /** Set when the transaction was mined within the wait. */
  blockNumber?: number;
}

/**
 * Sends the platform-paid transactions that carry clinics' and patients' signatures (anchors, consents),
 * one at a time so the relayer key's nonces never collide. Its key is not the settlement key, so relays
 * never disturb the payout worker's nonces. A relayed call is simulated first: a revert is thrown before
 * anything is sent.
 */
export class Relayer {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly wallet: Wallet,
    private readonly waitMs = 3000,
  ) {}

  relay(contract: Contract, method: string, args: unknown[]): Promise<RelayedTransaction> {
    const next = this.queue.then(() => this.send(contract, method, args));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async send(contract: Contract, method: string, args: unknown[]): Promise<RelayedTransaction> {
    const fn = (contract.connect(this.wallet) as Contract).getFunction(method);
    await fn.staticCall(...args);
    const sent = await fn.send(...args);
    const receipt = await Promise.race([
      sent.wait(),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), this.waitMs)),
    ]);
    if (receipt && receipt.status !== 1) throw new Error(`relayed ${method} reverted`);
    return { txHash: sent.hash, ...(receipt ? { blockNumber: receipt.blockNumber } : {}) };
  }
}
