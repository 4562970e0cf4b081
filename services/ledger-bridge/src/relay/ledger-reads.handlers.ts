import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  RpcPatterns,
  type ConsentPage,
  type ConsentView,
  type EscrowView,
  type LedgerContractsView,
  type RpcReply,
} from '#libs/contracts';
import {
  answering,
  decodePageCursor,
  encodePageCursor,
  fail,
  forbidden,
  malformedRequest,
  ok,
  payloadOf,
  principalOf,
} from '#libs/rpc';
import { DataSource } from 'typeorm';
import { onChainId } from '../chain/chain-client.js';
import { LedgerChain } from '../chain/ledger-chain.js';
import { consentsPage, type ConsentRow } from './consent-store.js';

/** Reads of the on-chain side: where the contracts are, an insurer's escrow, and consents. */
@Controller()
export class LedgerReadsHandlers {
  private readonly logger = new Logger('LedgerReads');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(LedgerChain) private readonly chain: LedgerChain,
  ) {}

  @MessagePattern(RpcPatterns.ledgerContracts)
  async contracts(@Payload() request: unknown): Promise<RpcReply<LedgerContractsView>> {
    return answering(this.logger, 'list the contracts', () => {
      if (!principalOf(request)) return Promise.resolve(malformedRequest<LedgerContractsView>());
      const { contracts, client } = this.chain;
      return Promise.resolve(
        ok({
          chainId: Number(client.chainId),
          token: { address: contracts.token, symbol: 'HCET', decimals: 18 },
          recordRegistry: contracts.recordRegistry,
          consentRegistry: contracts.consentRegistry,
          settlement: contracts.settlement,
        }),
      );
    });
  }

  @MessagePattern(RpcPatterns.ledgerEscrow)
  async escrow(@Payload() request: unknown): Promise<RpcReply<EscrowView>> {
    return answering(this.logger, 'read the escrow', async () => {
      const principal = principalOf(request);
      if (!principal) return malformedRequest();
      if (principal.role !== 'insurer' || !principal.org) return forbidden(principal, 'read an escrow');
      const balance = (await this.chain.settlement.getFunction('escrowOf')(onChainId(principal.org))) as bigint;
      return ok({ insurerId: principal.org, balance: balance.toString(), token: 'HCET' });
    });
  }

  @MessagePattern(RpcPatterns.listConsents)
  async listConsents(@Payload() request: unknown): Promise<RpcReply<ConsentPage>> {
    return answering(this.logger, 'list consents', async () => {
      const principal = principalOf(request);
      if (!principal) return malformedRequest();
      const { limit = 50, cursor } = (payloadOf(request) ?? {}) as { limit?: number; cursor?: string };
      let column: 'member_id' | 'insurer_id';
      let owner: string | undefined;
      if (principal.role === 'patient') [column, owner] = ['member_id', principal.patient];
      else if (principal.role === 'insurer') [column, owner] = ['insurer_id', principal.org];
      else return forbidden(principal, 'list consents');
      const after = cursor === undefined ? null : decodePageCursor(cursor);
      if (cursor !== undefined && after === null) {
        return fail({
          code: 'VALIDATION',
          detail: 'the cursor is not valid',
          errors: [{ field: 'cursor', message: 'is not a cursor' }],
        });
      }
      const rows = await consentsPage(this.dataSource.manager, { column, id: owner ?? '' }, after, limit);
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return ok({
        items: page.map(toView),
        nextCursor: rows.length > limit && last ? encodePageCursor({ at: last.created_at, id: last.id }) : null,
      });
    });
  }
}

function toView(row: ConsentRow): ConsentView {
  const expired = row.status === 'active' && row.expires_at.getTime() <= Date.now();
  return {
    id: row.id,
    insurerId: row.insurer_id,
    memberId: row.member_id,
    scope: 'claims',
    expiresAt: row.expires_at.toISOString(),
    status: expired ? 'expired' : (row.status as ConsentView['status']),
    ...(row.tx_hash ? { txHash: row.tx_hash } : {}),
  };
}
