import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { newCorrelation, RpcPatterns, Subjects, type PlanView, type RpcReply } from '#libs/contracts';
import { Outbox } from '#libs/messaging';
import { inTransaction } from '#libs/persistence';
import { fail, idNotAvailable, insurerOf, invalid, ok, requestIdOf, serveRequest } from '#libs/rpc';
import { isRegisteredInsurer } from '../insurers/insurer-store.js';
import { knownProcedures } from '../reference-data/procedure-table.js';
import { codesNamedBy, parsePlan, planReferenceErrors } from './plan-input.js';
import { findPlan, insertPlan, planRegisteredEvent } from './plan-store.js';

const REGISTER_PLAN_RULES = {
  action: 'register the plan',
  caller: insurerOf,
  refusal: 'register plans',
  payload: parsePlan,
  invalidDetail: 'the plan is not valid',
};

/**
 * `POST /v1/plans` (insurer): checks the plan's shape and its codes and categories against the
 * procedure table, stores it for the calling insurer and publishes `underwriting.plan.registered.v1`
 * in the same transaction. Nothing is stored when anything is wrong.
 */
@Controller()
export class CreatePlanHandlers {
  private readonly logger = new Logger('CreatePlan');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  @MessagePattern(RpcPatterns.createPlan)
  async create(@Payload() request: unknown): Promise<RpcReply<PlanView>> {
    return serveRequest(this.logger, request, REGISTER_PLAN_RULES, async ({ caller: insurerId, input: plan }) => {
      const references = planReferenceErrors(plan, await knownProcedures(this.dataSource.manager, codesNamedBy(plan)));
      if (references.length > 0) return invalid('the plan names unknown codes or categories', references);

      return inTransaction(this.dataSource, async (manager) => {
        if (!(await isRegisteredInsurer(manager, insurerId))) return unregistered(insurerId);
        // Taken by the caller or by another insurer: the same answer, which names neither.
        if (!(await insertPlan(manager, insurerId, plan))) return idNotAvailable('plan');
        const stored = (await findPlan(manager, plan.id))!;
        await this.outbox.add(
          manager,
          Subjects.planRegistered,
          planRegisteredEvent(stored),
          newCorrelation(requestIdOf(request)),
        );
        return ok(stored);
      });
    });
  }
}

/** An insurer token for an insurer no admin registered: it may not set anything up yet. */
function unregistered<T>(insurerId: string): RpcReply<T> {
  return fail({
    code: 'FORBIDDEN',
    detail: `insurer ${insurerId} is not registered; an admin registers it first (POST /v1/insurers)`,
  });
}
