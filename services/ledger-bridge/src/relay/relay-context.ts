import type { LedgerChain } from '../chain/ledger-chain.js';

/** The chain's clock (unix seconds): deadlines are checked against block time, not this machine's. */
export async function chainNow(chain: LedgerChain): Promise<number> {
  const block = await chain.client.provider.getBlock('latest');
  return Math.max(block?.timestamp ?? 0, Math.floor(Date.now() / 1000));
}

export async function nextNonce(
  registry: { getFunction(name: string): (...args: unknown[]) => Promise<unknown> },
  signer: string,
) {
  return Number(await registry.getFunction('nonces')(signer));
}
