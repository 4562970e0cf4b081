import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { RpcPatterns, type AccumulatorsView, type RpcReply } from '#libs/contracts';
import { answering, fail, malformedRequest, ok, payloadOf, principalOf } from '#libs/rpc';
import { readAccumulators } from './accumulator-store.js';
import { readAccumulatorsRequest } from './accumulators-request.js';

/** A member's accumulators for a plan year, for the eligibility answer (API.md, Set-up). */
@Controller()
export class MemberAccumulatorsHandler {
  private readonly logger = new Logger('MemberAccumulators');

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @MessagePattern(RpcPatterns.memberAccumulators)
  async accumulators(@Payload() request: unknown): Promise<RpcReply<AccumulatorsView>> {
    return answering(this.logger, 'read the accumulators', async () => {
      const principal = principalOf(request);
      if (!principal) return malformedRequest();
      const asked = readAccumulatorsRequest(principal, payloadOf(request));
      if (!asked.ok) return fail(asked.error);
      return ok(await readAccumulators(this.dataSource.manager, asked.value.memberId, asked.value.year));
    });
  }
}
