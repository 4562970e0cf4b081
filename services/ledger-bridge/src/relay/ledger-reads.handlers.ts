import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  listConsentsPayload,
  RpcPatterns,
  type ConsentPage,
  type ConsentView,
  type EscrowView,
  type LedgerContractsView,
  type Principal,
  type RpcReply,
} from '#libs/contracts';
import { decodePageCursor, encodePageCursor, fail, insurerOf, ok, serveRequest } from '#libs/rpc';
import { DataSource } from 'typeorm';
import { onChainId } from '../chain/chain-client.js';
import { LedgerChain } from '../chain/ledger-chain.js';
import { consentsPage, type ConsentRow } from './consent-store.js';
import { tokensFromBaseUnits } from './token-amount.js';

/** The settlement token's decimals (HCET, docs/domain.md). */
const HCET_DECIMALS = 18;

const CONTRACTS_RULES = { action: 'list the contracts' };
const ESCROW_RULES = { action: 'read the escrow', caller: insurerOf, refusal: 'read an escrow' };
const CONSENTS_RULES = {
  action: 'list consents',
  caller: consentsOwner,
  refusal: 'list consents',
  payload: listConsentsPayload,
  invalidDetail: 'the request is not valid',
};

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
    return serveRequest(this.logger, request, CONTRACTS_RULES, () => {
      const { contracts, client } = this.chain;
      return Promise.resolve(
        ok({
          chainId: Number(client.chainId),
          token: { address: contracts.token, symbol: 'HCET', decimals: HCET_DECIMALS },
          recordRegistry: contracts.recordRegistry,
          consentRegistry: contracts.consentRegistry,
          settlement: contracts.settlement,
        }),
      );
    });
  }

  @MessagePattern(RpcPatterns.ledgerEscrow)
  async escrow(@Payload() request: unknown): Promise<RpcReply<EscrowView>> {
    return serveRequest(this.logger, request, ESCROW_RULES, async ({ caller: insurerId }) => {
      const balance = (await this.chain.settlement.getFunction('escrowOf')(onChainId(insurerId))) as bigint;
      return ok({
        insurerId,
        balance: balance.toString(),
        balanceInTokens: tokensFromBaseUnits(balance, HCET_DECIMALS),
        token: 'HCET',
      });
    });
  }

  @MessagePattern(RpcPatterns.listConsents)
  async listConsents(@Payload() request: unknown): Promise<RpcReply<ConsentPage>> {
    return serveRequest(this.logger, request, CONSENTS_RULES, async ({ caller: owner, input: { limit, cursor } }) => {
      const after = cursor === undefined ? null : decodePageCursor(cursor);
      if (cursor !== undefined && after === null) {
        return fail({
          code: 'VALIDATION',
          detail: 'the cursor is not valid',
          errors: [{ field: 'cursor', message: 'is not a cursor' }],
        });
      }
      const rows = await consentsPage(this.dataSource.manager, owner, after, limit);
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return ok({
        items: page.map(toView),
        nextCursor: rows.length > limit && last ? encodePageCursor({ at: last.exact_created_at, id: last.id }) : null,
      });
    });
  }
}

/** Whose consents the caller lists: a patient its own, an insurer those granted to it. */
function consentsOwner(principal: Principal): { column: 'member_id' | 'insurer_id'; id: string } | null {
  if (principal.role === 'patient') return { column: 'member_id', id: principal.patient ?? '' };
  if (principal.role === 'insurer') return { column: 'insurer_id', id: principal.org ?? '' };
  return null;
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
