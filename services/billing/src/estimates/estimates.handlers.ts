import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import {
  isUuid,
  listEstimatesPayload,
  newCorrelation,
  RpcPatterns,
  type EstimateView,
  type ListEstimatesResult,
  type RpcReply,
} from '#libs/contracts';
import { Outbox } from '#libs/messaging';
import {
  answering,
  decodePageCursor,
  encodePageCursor,
  fail,
  forbidden,
  invalid,
  malformedRequest,
  ok,
  parseWith,
  payloadOf,
  principalOf,
  requestIdOf,
} from '#libs/rpc';
import { BILLING_CONFIG, type BillingConfig } from '../config/billing-config.js';
import { createEstimate } from './create-estimate.js';
import { parseCreateEstimate } from './estimate-request.js';
import { findVisibleEstimate, listVisibleEstimates } from './estimate-store.js';

const READERS = ['clinic', 'insurer', 'patient'];

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
    return answering(this.logger, 'create the estimate', async () => {
      const principal = principalOf(request);
      if (!principal) return malformedRequest();
      if (principal.role !== 'clinic') return forbidden(principal, 'ask for estimates');
      const input = parseCreateEstimate(principal, payloadOf(request), new Date().toISOString().slice(0, 10));
      if (!input.ok) return invalid('the estimate request is not valid', input.errors);
      const causation = newCorrelation(requestIdOf(request));
      const outcome = await createEstimate(
        this.dataSource,
        this.outbox,
        input.value,
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
    return answering(this.logger, 'read the estimate', async () => {
      const principal = principalOf(request);
      if (!principal) return malformedRequest();
      if (!READERS.includes(principal.role)) return forbidden(principal, 'read estimates');
      const id = (payloadOf(request) as { id?: unknown } | undefined)?.id;
      const found = isUuid(id) ? await findVisibleEstimate(this.dataSource.manager, principal, id) : null;
      return found ? ok(found) : fail({ code: 'NOT_FOUND', detail: 'no such estimate' });
    });
  }

  @MessagePattern(RpcPatterns.listEstimates)
  async list(@Payload() request: unknown): Promise<RpcReply<ListEstimatesResult>> {
    return answering(this.logger, 'list estimates', async () => {
      const principal = principalOf(request);
      if (!principal) return malformedRequest();
      if (!READERS.includes(principal.role)) return forbidden(principal, 'read estimates');
      const input = parseWith(listEstimatesPayload, payloadOf(request));
      if (!input.ok) return invalid('the estimate query is not valid', input.errors);
      const after = input.value.cursor === undefined ? undefined : decodePageCursor(input.value.cursor);
      if (after === null) return invalid('the cursor is not valid', [{ field: 'cursor', message: 'is not a cursor' }]);
      const { memberId, limit } = input.value;
      const rows = await listVisibleEstimates(this.dataSource.manager, principal, {
        ...(memberId === undefined ? {} : { memberId }),
        limit: limit + 1,
        ...(after ? { after: { createdAt: after.at.toISOString(), id: after.id } } : {}),
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
