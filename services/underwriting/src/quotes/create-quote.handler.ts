import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { type QuoteView, RpcPatterns, type RpcReply, todayUtc } from '#libs/contracts';
import {
  answering,
  forbidden,
  insurerOf,
  invalid,
  malformedRequest,
  notFound,
  ok,
  payloadOf,
  principalOf,
} from '#libs/rpc';
import { findPlan } from '../plans/plan-store.js';
import { parseQuoteRequest } from './quote-input.js';
import { quotePremium } from './rating-model.js';

/**
 * `POST /v1/quotes` (insurer, own plans): the annual premium of an applicant on a plan, from the
 * rating model (docs/rating-model.md). Nothing is stored: a quote is a calculation.
 */
@Controller()
export class CreateQuoteHandler {
  private readonly logger = new Logger('CreateQuote');

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @MessagePattern(RpcPatterns.createQuote)
  async quote(@Payload() request: unknown): Promise<RpcReply<QuoteView>> {
    return answering(this.logger, 'quote the premium', async () => {
      const principal = principalOf(request);
      if (!principal) return malformedRequest();
      const insurerId = insurerOf(principal);
      if (!insurerId) return forbidden(principal, 'ask for quotes');
      const today = todayUtc();
      const input = parseQuoteRequest(payloadOf(request), today);
      if (!input.ok) return invalid('the quote request is not valid', input.errors);
      const plan = await findPlan(this.dataSource.manager, input.value.planId);
      // Reading another insurer's plan, even through a quote, is a 404 (API.md).
      if (!plan || plan.insurerId !== insurerId) return notFound('plan');
      return ok({ planId: plan.id, currency: plan.currency, ...quotePremium(plan, input.value.applicant, today) });
    });
  }
}
