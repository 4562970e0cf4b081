import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { type QuoteView, RpcPatterns, type RpcReply, todayUtc } from '#libs/contracts';
import { insurerOf, notFound, ok, serveRequest } from '#libs/rpc';
import { findPlan } from '../plans/plan-store.js';
import { parseQuoteRequest } from './quote-input.js';
import { quotePremium } from './rating-model.js';

/**
 * `POST /v1/quotes` (insurer, own plans): the annual premium of an applicant on a plan, from the
 * rating model (docs/rating-model.md). Nothing is stored: a quote is a calculation.
 */
@Controller()
export class CreateQuoteHandlers {
  private readonly logger = new Logger('CreateQuote');

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @MessagePattern(RpcPatterns.createQuote)
  async quote(@Payload() request: unknown): Promise<RpcReply<QuoteView>> {
    // One day for the applicant's checks and the age the premium is rated at, even across midnight.
    const today = todayUtc();
    const rules = {
      action: 'quote the premium',
      caller: insurerOf,
      refusal: 'ask for quotes',
      payload: (payload: unknown) => parseQuoteRequest(payload, today),
      invalidDetail: 'the quote request is not valid',
    };
    return serveRequest(this.logger, request, rules, async ({ caller: insurerId, input }) => {
      const plan = await findPlan(this.dataSource.manager, input.planId);
      // Reading another insurer's plan, even through a quote, is a 404 (API.md).
      if (!plan || plan.insurerId !== insurerId) return notFound('plan');
      return ok({ planId: plan.id, currency: plan.currency, ...quotePremium(plan, input.applicant, today) });
    });
  }
}
