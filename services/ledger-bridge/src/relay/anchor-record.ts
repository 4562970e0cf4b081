import type { RecordAnchorMessageView, RecordSubmittedView, RpcReply } from '#libs/contracts';
import { fail, ok } from '#libs/rpc';
import type { EntityManager } from 'typeorm';
import type { LedgerChain } from '../chain/ledger-chain.js';
import type { AnchorRequest } from './check-anchor.js';
import { claimRecord, forgetUnsentRecord, saveAnchorOutcome } from './record-store.js';
import type { Relayer } from './relayer.js';

export const alreadyAnchored = <T>(): RpcReply<T> =>
  fail({
    code: 'CONFLICT',
    detail: 'the record is already anchored',
    errors: [{ field: 'recordId', message: 'is already anchored' }],
  });

const alreadySubmitted = <T>(): RpcReply<T> =>
  fail({
    code: 'CONFLICT',
    detail: 'the record was already submitted',
    errors: [{ field: 'recordId', message: 'was already submitted' }],
  });

/**
 * Relays a checked anchor: claims the record id with a `pending` row first, so a crash after the relay
 * leaves a row the read side reconciles with the chain; frees it again when the relay fails; then notes
 * the transaction (and its block, when it was mined within the relayer's wait).
 */
export async function anchorRecord(
  manager: EntityManager,
  chain: LedgerChain,
  relayer: Relayer,
  request: AnchorRequest,
  signed: { message: RecordAnchorMessageView; signature: string },
): Promise<RpcReply<RecordSubmittedView>> {
  const { clinic, input, providerId } = request;
  if (!(await claimRecord(manager, { ...input, providerId }))) return alreadySubmitted();
  const m = signed.message;
  const args = [m.recordId, m.contentHash, m.patient, clinic, m.nonce, m.deadline, signed.signature];
  const sent = await relayer.relay(chain.records, 'anchorBySig', args).catch(async (error: unknown) => {
    await forgetUnsentRecord(manager, input.recordId);
    throw error;
  });
  const status = sent.blockNumber === undefined ? 'pending' : 'anchored';
  await saveAnchorOutcome(manager, input.recordId, {
    status,
    txHash: sent.txHash,
    blockNumber: sent.blockNumber ?? null,
  });
  return ok({ recordId: input.recordId, status, txHash: sent.txHash });
}
