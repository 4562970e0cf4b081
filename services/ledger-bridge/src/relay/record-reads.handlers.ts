import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { getRecordPayload, RpcPatterns, type Principal, type RecordView, type RpcReply } from '#libs/contracts';
import { notFound, ok, serveRequest } from '#libs/rpc';
import { DataSource } from 'typeorm';
import { onChainId } from '../chain/chain-client.js';
import { LedgerChain } from '../chain/ledger-chain.js';
import { indexedEventOf } from '../indexer/index-store.js';
import { recordWithInsurer, saveAnchorOutcome, type RecordRow } from './record-store.js';

const GET_RECORD_RULES = { action: 'read the record', read: recordIdOf };

/**
 * `GET /v1/records/{recordId}`: the clinic that anchored it, the member it is about, or the member's insurer;
 * anyone else gets a 404. A record still pending is settled from its receipt, or, when the bridge stopped
 * between relaying and recording, from the indexed anchor event.
 */
@Controller()
export class RecordReadsHandlers {
  private readonly logger = new Logger('RecordReads');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(LedgerChain) private readonly chain: LedgerChain,
  ) {}

  @MessagePattern(RpcPatterns.getRecord)
  async get(@Payload() request: unknown): Promise<RpcReply<RecordView>> {
    return serveRequest(this.logger, request, GET_RECORD_RULES, async ({ principal, input: recordId }) => {
      const row = await recordWithInsurer(this.dataSource.manager, recordId);
      if (!row || !mayRead(principal, row)) return notFound('record');
      const current = row.status === 'pending' ? await this.reconcile(recordId, row) : row;
      return ok({
        recordId,
        sha256: current.sha256,
        providerId: current.provider_id,
        memberId: current.member_id,
        status: current.status,
        ...(current.block_number ? { blockNumber: Number(current.block_number) } : {}),
        ...(current.tx_hash ? { txHash: current.tx_hash } : {}),
      });
    });
  }

  private async reconcile(recordId: string, row: RecordRow): Promise<RecordRow> {
    let found: Pick<RecordRow, 'status' | 'tx_hash' | 'block_number'> | null = null;
    if (row.tx_hash) {
      const receipt = await this.chain.client.provider.getTransactionReceipt(row.tx_hash);
      if (receipt) {
        found = {
          status: receipt.status === 1 ? 'anchored' : 'failed',
          tx_hash: row.tx_hash,
          block_number: String(receipt.blockNumber),
        };
      }
    } else {
      const anchored = await indexedEventOf(this.dataSource.manager, 'anchored', onChainId(recordId));
      if (anchored) found = { status: 'anchored', ...anchored };
    }
    if (!found) return row;
    await saveAnchorOutcome(this.dataSource.manager, recordId, {
      status: found.status,
      txHash: found.tx_hash,
      blockNumber: found.block_number,
    });
    return { ...row, ...found };
  }
}

/** The record asked for; a payload naming none names nothing, so it is not found. */
function recordIdOf(payload: unknown): RpcReply<string> {
  const parsed = getRecordPayload.safeParse(payload);
  return parsed.success ? ok(parsed.data.recordId) : notFound('record');
}

function mayRead(principal: Principal, row: RecordRow): boolean {
  if (principal.role === 'clinic') return principal.org === row.provider_id;
  if (principal.role === 'patient') return principal.patient === row.member_id;
  if (principal.role === 'insurer') return principal.org !== undefined && principal.org === row.insurer_id;
  return false;
}
