import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import {
  getByIdPayload,
  ID_PATTERN,
  listPlansPayload,
  RpcPatterns,
  type PlanPage,
  type PlanView,
  type RpcReply,
} from '#libs/contracts';
import {
  insurerOf,
  invalid,
  notFound,
  ok,
  pageOfRows,
  pageRequestOf,
  parseWith,
  serveRequest,
  type PageRequest,
} from '#libs/rpc';
import { findPlan, listInsurerPlans } from './plan-store.js';

const LIST_RULES = {
  action: 'list plans',
  caller: insurerOf,
  refusal: 'list plans',
  read: (payload: unknown): RpcReply<PageRequest> => {
    const parsed = parseWith(listPlansPayload, payload);
    return parsed.ok ? pageRequestOf(parsed.value, 'entity') : invalid('invalid list query', parsed.errors);
  },
};

const GET_RULES = {
  action: 'get the plan',
  caller: insurerOf,
  refusal: 'read plans',
  // An id that is not well-formed names no plan: not found, as for another insurer's.
  read: (payload: unknown): RpcReply<string> => {
    const parsed = getByIdPayload.safeParse(payload);
    return parsed.success && ID_PATTERN.test(parsed.data.id) ? ok(parsed.data.id) : notFound('plan');
  },
};

/**
 * `GET /v1/plans` and `GET /v1/plans/{id}` (insurer: its own plans, read-only; plans never change once
 * defined). Another insurer's plan is NOT_FOUND, never a hint that the id is taken.
 */
@Controller()
export class PlanReadsHandlers {
  private readonly logger = new Logger('PlanReads');

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @MessagePattern(RpcPatterns.listPlans)
  async list(@Payload() request: unknown): Promise<RpcReply<PlanPage>> {
    return serveRequest(this.logger, request, LIST_RULES, async ({ caller: insurerId, input: { limit, after } }) => {
      const rows = await listInsurerPlans(this.dataSource.manager, insurerId, {
        limit: limit + 1,
        ...(after ? { after } : {}),
      });
      return ok(pageOfRows(rows, limit, (plan) => ({ at: new Date(plan.createdAt), id: plan.id })));
    });
  }

  @MessagePattern(RpcPatterns.getPlan)
  async get(@Payload() request: unknown): Promise<RpcReply<PlanView>> {
    return serveRequest(this.logger, request, GET_RULES, async ({ caller: insurerId, input: id }) => {
      const plan = await findPlan(this.dataSource.manager, id);
      return plan && plan.insurerId === insurerId ? ok(plan) : notFound('plan');
    });
  }
}
