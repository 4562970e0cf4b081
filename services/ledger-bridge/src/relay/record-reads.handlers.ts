import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RpcPatterns, type Principal, type RecordView, type RpcReply } from '#libs/contracts';
import { answering, malformedRequest, notFound, ok, payloadOf, principalOf } from '#libs/rpc';
import { DataSource } from 'typeorm';
import { onChainId } from '../chain/chain-client.js';
import { LedgerChain } from '../chain/ledger-chain.js';

interface RecordRow {
  provider_id: string;
  member_id: string;
  sha256: string;
  status: RecordView['status'];
  tx_hash: string | null;
  block_number: string | null;
  insurer_id: string | null;
}

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
    return answering(this.logger, 'read the record', async () => {
      const principal = principalOf(request);
      if (!principal) return malformedRequest();
      const recordId = (payloadOf(request) as { recordId?: unknown } | undefined)?.recordId;
      if (typeof recordId !== 'string') return notFound('record');
      const rows: RecordRow[] = await this.dataSource.query(
        `SELECT r.*, m.insurer_id FROM records r LEFT JOIN members m ON m.id = r.member_id WHERE r.record_id = $1`,
        [recordId],
      );
      const row = rows[0];
      if (!row || !mayRead(principal, row)) return notFound('record');
      const current = row.status === 'pending' ? await this.reconcile(recordId, row) : row;
      return ok({
        recordId,
        sha256: current.sha256,
        providerId: current.provider_id,
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
      const events: { tx_hash: string; block_number: string }[] = await this.dataSource.query(
        `SELECT tx_hash, block_number FROM chain_events WHERE kind = 'anchored' AND key = $1`,
        [onChainId(recordId)],
      );
      if (events[0]) found = { status: 'anchored', ...events[0] };
    }
    if (!found) return row;
    await this.dataSource.query(
      `UPDATE records SET status = $2, tx_hash = $3, block_number = $4 WHERE record_id = $1`,
      [recordId, found.status, found.tx_hash, found.block_number],
    );
    return { ...row, ...found };
  }
}

function mayRead(principal: Principal, row: RecordRow): boolean {
  if (principal.role === 'clinic') return principal.org === row.provider_id;
  if (principal.role === 'patient') return principal.patient === row.member_id;
  if (principal.role === 'insurer') return principal.org !== undefined && principal.org === row.insurer_id;
  return false;
}
