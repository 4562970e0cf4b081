import { recordAnchorMessage, type RecordAnchorMessageView } from '#libs/contracts';
import { RECORD_ANCHOR_TYPES, recordRegistryDomain } from '../../contracts/index.js';
import { onChainId } from '../chain/chain-client.js';
import type { LedgerChain } from '../chain/ledger-chain.js';
import { chainNow, nextNonce } from './relay-context.js';
import { checkSignedMessage, type MessageCheck } from './signed-message.js';

/** A clinic's request to anchor a record, with the registered addresses it involves. */
export interface AnchorRequest {
  /** The clinic's registered address: the signer. */
  clinic: string;
  /** The member's registered address: who the record is about. */
  patient: string;
  providerId: string;
  input: { recordId: string; memberId: string; sha256: string };
}

/**
 * The clinic's signed anchor message, checked against the request, the clinic's next nonce on the registry
 * and the chain's clock.
 */
export async function checkAnchorMessage(
  chain: LedgerChain,
  request: AnchorRequest,
  raw: unknown,
  signature: string,
): Promise<MessageCheck<RecordAnchorMessageView>> {
  const { clinic, patient, input } = request;
  return checkSignedMessage(raw, {
    schema: recordAnchorMessage,
    expected: { recordId: onChainId(input.recordId), contentHash: `0x${input.sha256}`, patient },
    domain: recordRegistryDomain(chain.client.chainId, chain.contracts.recordRegistry),
    types: RECORD_ANCHOR_TYPES,
    signature,
    signer: { address: clinic, who: 'clinic' },
    nextNonce: await nextNonce(chain.records, clinic),
    now: await chainNow(chain),
  });
}

/** Whether the registry already holds an anchor of the record, by anyone. */
export async function isAnchored(chain: LedgerChain, recordId: string): Promise<boolean> {
  const [anchoredBy] = (await chain.records.getFunction('recordOf')(onChainId(recordId))) as string[];
  return BigInt(anchoredBy) !== 0n;
}
