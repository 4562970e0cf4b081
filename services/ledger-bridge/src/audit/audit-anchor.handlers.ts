import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { anchorAuditPayload, RpcPatterns, type AuditAnchorView, type RpcReply } from '#libs/contracts';
import { conflict, fail, inRole, ok, serveRequest } from '#libs/rpc';
import type { Contract, EventLog } from 'ethers';
import { LedgerChain } from '../chain/ledger-chain.js';
import { Relayer } from '../relay/relayer.js';

/** Only the gateway asks, as the platform (role admin): no HTTP route leads here. */
const ANCHOR_RULES = {
  action: 'anchor the audit head',
  caller: inRole('admin'),
  refusal: 'anchor the audit trail',
  payload: anchorAuditPayload,
  invalidDetail: 'the anchor is not valid',
};

/** How long to wait for the anchor's block beyond the relayer's own wait. */
const MINED_WITHIN_MS = 30_000;

/**
 * Anchors the gateway's audit head on `AuditAnchor` (docs/decisions/0010-audit-trail.md), sent by the
 * relayer, whose queue keeps its nonces in order. Idempotent: a seq already anchored answers the
 * transaction that anchored it, read back from the contract's event, so a retry after a lost reply sends
 * nothing.
 */
@Controller()
export class AuditAnchorHandlers {
  private readonly logger = new Logger('AuditAnchor');

  constructor(
    @Inject(LedgerChain) private readonly chain: LedgerChain,
    @Inject(Relayer) private readonly relayer: Relayer,
  ) {}

  @MessagePattern(RpcPatterns.anchorAudit)
  async anchor(@Payload() request: unknown): Promise<RpcReply<AuditAnchorView>> {
    return serveRequest(this.logger, request, ANCHOR_RULES, async ({ input: { seq, head } }) => {
      const contract = this.chain.auditAnchor;
      if (!contract) return fail({ code: 'UNAVAILABLE', detail: 'no AuditAnchor contract is deployed' });
      const headBytes = `0x${head}`;
      const existing = await anchorOf(contract, seq);
      if (existing) {
        if (existing.head !== headBytes) return conflict(`seq ${seq} is already anchored with another head`);
        return ok({ seq, head, txHash: existing.txHash, blockNumber: existing.blockNumber });
      }
      const last = (await contract.getFunction('lastSeq')()) as bigint;
      if (BigInt(seq) <= last) return conflict(`a later seq (${last}) is already anchored`);
      const sent = await this.relayer.relay(contract, 'anchor', [seq, headBytes]);
      const blockNumber = sent.blockNumber ?? (await this.minedBlock(sent.txHash));
      return ok({ seq, head, txHash: sent.txHash, blockNumber });
    });
  }

  private async minedBlock(txHash: string): Promise<number> {
    const receipt = await this.chain.client.provider.waitForTransaction(txHash, 1, MINED_WITHIN_MS);
    if (!receipt || receipt.status !== 1) throw new Error(`audit anchor ${txHash} was not mined`);
    return receipt.blockNumber;
  }
}

/** The `AuditAnchored` event of `seq`, if the contract has one. */
async function anchorOf(
  contract: Contract,
  seq: number,
): Promise<{ head: string; txHash: string; blockNumber: number } | null> {
  const stored = (await contract.getFunction('headAt')(seq)) as string;
  if (/^0x0+$/.test(stored)) return null;
  const [event] = (await contract.queryFilter(contract.filters.AuditAnchored(seq))) as EventLog[];
  if (!event) return null;
  return { head: stored.toLowerCase(), txHash: event.transactionHash, blockNumber: event.blockNumber };
}
