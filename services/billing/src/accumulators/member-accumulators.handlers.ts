import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { RpcPatterns, type AccumulatorsView, type Principal, type RpcReply } from '#libs/contracts';
import { ok, serveRequest } from '#libs/rpc';
import { readAccumulators } from './accumulator-store.js';
import { readAccumulatorsRequest } from './accumulators-request.js';

const READ_ACCUMULATORS_RULES = {
  action: 'read the accumulators',
  read: (payload: unknown, principal: Principal) => readAccumulatorsRequest(principal, payload),
};

/** A member's accumulators for a plan year, for the eligibility answer (API.md, Set-up). */
@Controller()
export class MemberAccumulatorsHandlers {
  private readonly logger = new Logger('MemberAccumulators');

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @MessagePattern(RpcPatterns.memberAccumulators)
  async accumulators(@Payload() request: unknown): Promise<RpcReply<AccumulatorsView>> {
    return serveRequest(this.logger, request, READ_ACCUMULATORS_RULES, async ({ input }) =>
      ok(await readAccumulators(this.dataSource.manager, input.memberId, input.year)),
    );
  }
}
