import { submitRecordPayload, type RpcReply } from '#libs/contracts';
import { invalid, ok, parseWith, payloadOf } from '#libs/rpc';
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

const signedPart = submitRecordPayload.pick({ message: true, signature: true });

/**
 * The signed half of a submission (the message as sent, and its signature), read after the request's own
 * checks so that a 404 or 409 about the record or consent still comes first. The message is checked later,
 * against the request, by `checkSignedMessage`.
 */
export function signedPartOf(request: unknown): RpcReply<{ message: unknown; signature: string }> {
  const parsed = parseWith(signedPart, payloadOf(request));
  if (parsed.ok) return ok(parsed.value);
  const [first] = parsed.errors;
  return invalid(`${first.field} ${first.message}`, parsed.errors);
}
