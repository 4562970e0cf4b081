import type { Principal, RpcReply } from '#libs/contracts';
import { fail } from '#libs/rpc';
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

export const forbidden = <T>(principal: Principal, what: string): RpcReply<T> =>
  fail({ code: 'FORBIDDEN', detail: `role ${principal.role} may not ${what}` });

export const notFound = <T>(what: string): RpcReply<T> => fail({ code: 'NOT_FOUND', detail: `no such ${what}` });

export const invalidField = <T>(field: string, message: string): RpcReply<T> =>
  fail({ code: 'VALIDATION', detail: `${field} ${message}`, errors: [{ field, message }] });
