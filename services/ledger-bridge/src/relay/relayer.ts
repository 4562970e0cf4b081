import type { Contract, Provider, TransactionRequest, Wallet } from 'ethers';
import { inTransaction } from '#libs/persistence';
import type { DataSource } from 'typeorm';
import { allocateNonce } from '../chain/signer-nonces.js';

export interface RelayedTransaction {
  txHash: string;
  /** Set when the transaction was mined within the wait. */
  blockNumber?: number;
}

/**
 * Sends the platform-paid transactions that carry clinics' and patients' signatures (anchors, consents,
 * the audit head). Its key is not the settlement key, so relays never disturb the payout worker's nonces.
 * A relayed call is simulated first: a revert is thrown before anything is sent.
 *
 * Every instance serves relays (they answer a waiting caller), so sends from the relayer's address are
 * serialised across instances by a transaction-scoped advisory lock on that address
 * (docs/decisions/0013-one-signer-at-a-time.md): the nonce is reserved in `signer_nonces`, signed and
 * broadcast inside that transaction, and committed only once the node took it. A sender that dies on the
 * way frees both the lock and the nonce (rolled back); one that dies after the broadcast leaves the nonce
 * to the chain's pending count, which a reservation never goes below.
 */
export class Relayer {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly wallet: Wallet,
    private readonly dataSource: DataSource,
    private readonly waitMs = 3000,
  ) {}

  private get provider(): Provider {
    if (!this.wallet.provider) throw new Error('the relayer wallet has no provider');
    return this.wallet.provider;
  }

  relay(contract: Contract, method: string, args: unknown[]): Promise<RelayedTransaction> {
    // One at a time within the instance too: no pool connection waits on the lock behind a sibling.
    const next = this.queue.then(() => this.send(contract, method, args));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async send(contract: Contract, method: string, args: unknown[]): Promise<RelayedTransaction> {
    const fn = (contract.connect(this.wallet) as Contract).getFunction(method);
    await fn.staticCall(...args);
    const call = await fn.populateTransaction(...args);
    const txHash = await this.sendSerialised(call);
    const receipt = await Promise.race([
      this.provider.waitForTransaction(txHash, 1),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), this.waitMs)),
    ]);
    if (receipt && receipt.status !== 1) throw new Error(`relayed ${method} reverted`);
    return { txHash, ...(receipt ? { blockNumber: receipt.blockNumber } : {}) };
  }

  private sendSerialised(call: TransactionRequest): Promise<string> {
    const provider = this.provider;
    const address = this.wallet.address;
    return inTransaction(this.dataSource, async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`ledger-bridge:sender:${address}`]);
      const chainPending = await provider.getTransactionCount(address, 'pending');
      const nonce = await allocateNonce(manager, address, chainPending);
      const request = await this.wallet.populateTransaction({ ...call, nonce: Number(nonce) });
      const raw = await this.wallet.signTransaction(request);
      // Throws when the node refuses it: the reservation rolls back with the lock.
      const sent = await provider.broadcastTransaction(raw);
      return sent.hash;
    });
  }
}
