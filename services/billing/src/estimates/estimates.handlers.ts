import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import {
  listEstimatesPayload,
  newCorrelation,
  RpcPatterns,
  type EstimateView,
  type ListEstimatesResult,
  type Principal,
  type RpcReply,
} from '#libs/contracts';
import { Outbox } from '#libs/messaging';
import {
  decodePageCursor,
  encodePageCursor,
  fail,
  inRole,
  invalid,
  mintedId,
  notFound,
  ok,
  requestIdOf,
  serveRequest,
} from '#libs/rpc';
import { BILLING_CONFIG, type BillingConfig } from '../config/billing-config.js';
import { createEstimate } from './create-estimate.js';
import { parseCreateEstimate } from './estimate-request.js';
import { findVisibleEstimate, listVisibleEstimates } from './estimate-store.js';

const CREATE_RULES = {
  action: 'create the estimate',
  caller: inRole('clinic'),
  refusal: 'ask for estimates',
  payload: (payload: unknown, principal: Principal) =>
    parseCreateEstimate(principal, payload, new Date().toISOString().slice(0, 10)),
  invalidDetail: 'the estimate request is not valid',
};
const READERS = { caller: inRole('clinic', 'insurer', 'patient'), refusal: 'read estimates' };
const GET_RULES = { action: 'read the estimate', ...READERS, read: mintedId('estimate') };
const LIST_RULES = {
  action: 'list estimates',
  ...READERS,
  payload: listEstimatesPayload,
  invalidDetail: 'the estimate query is not valid',
};

/**
 * Estimates (API.md): a clinic asks (the gateway brings underwriting's coverage preview along);
 * the clinic that asked, the member and the member's insurer read them. Another's is a 404.
 */
@Controller()
export class EstimatesHandlers {
  private readonly logger = new Logger('Estimates');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(BILLING_CONFIG) private readonly config: BillingConfig,
  ) {}

  @MessagePattern(RpcPatterns.createEstimate)
  async create(@Payload() request: unknown): Promise<RpcReply<EstimateView>> {
    return serveRequest(this.logger, request, CREATE_RULES, async ({ input }) => {
      const causation = newCorrelation(requestIdOf(request));
      const outcome = await createEstimate(
        this.dataSource,
        this.outbox,
        input,
        this.config.estimateValidityDays,
        causation,
      );
      if (outcome.kind === 'unknown-provider') {
        return invalid('no such provider', [{ field: 'providerId', message: 'is not a registered provider' }]);
      }
      if (outcome.kind === 'plan-not-known-yet') {
        return fail({ code: 'UNAVAILABLE', detail: 'the member’s plan is not known to billing yet; retry shortly' });
      }
      return ok(outcome.estimate);
    });
  }

  @MessagePattern(RpcPatterns.getEstimate)
  async get(@Payload() request: unknown): Promise<RpcReply<EstimateView>> {
    return serveRequest(this.logger, request, GET_RULES, async ({ principal, input: id }) => {
      const found = await findVisibleEstimate(this.dataSource.manager, principal, id);
      return found ? ok(found) : notFound('estimate');
    });
  }

  @MessagePattern(RpcPatterns.listEstimates)
  async list(@Payload() request: unknown): Promise<RpcReply<ListEstimatesResult>> {
    return serveRequest(this.logger, request, LIST_RULES, async ({ principal, input }) => {
      const after = input.cursor === undefined ? undefined : decodePageCursor(input.cursor);
      if (after === null) return invalid('the cursor is not valid', [{ field: 'cursor', message: 'is not a cursor' }]);
      const { memberId, limit } = input;
      const rows = await listVisibleEstimates(this.dataSource.manager, principal, {
        ...(memberId === undefined ? {} : { memberId }),
        limit: limit + 1,
        ...(after ? { after: { createdAt: after.at, id: after.id } } : {}),
      });
      const items = rows.slice(0, limit);
      const last = items[items.length - 1];
      return ok({
        items,
        nextCursor:
          rows.length > limit && last ? encodePageCursor({ at: new Date(last.createdAt), id: last.id }) : null,
      });
    });
  }
}
