import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { replaceFeeSchedulePayload, RpcPatterns, type FeeScheduleView, type RpcReply } from '#libs/contracts';
import { inTransaction } from '#libs/persistence';
import { insurerOf, ok, serveRequest } from '#libs/rpc';
import { replaceFeeSchedule } from './fee-schedule-store.js';

const REPLACE_FEE_SCHEDULE_RULES = {
  action: 'replace the fee schedule',
  caller: insurerOf,
  refusal: 'keep a fee schedule',
  payload: replaceFeeSchedulePayload,
  invalidDetail: 'the fee schedule is not valid',
};

/**
 * `PUT /v1/fee-schedule` (insurer): replaces the caller's whole schedule in one transaction. Identical
 * replacements sent at once all succeed, one after the other (see replaceFeeSchedule).
 */
@Controller()
export class ReplaceFeeScheduleHandlers {
  private readonly logger = new Logger('FeeSchedule');

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @MessagePattern(RpcPatterns.replaceFeeSchedule)
  async replace(@Payload() request: unknown): Promise<RpcReply<FeeScheduleView>> {
    return serveRequest(this.logger, request, REPLACE_FEE_SCHEDULE_RULES, async ({ caller: insurerId, input }) => {
      const { entries } = input;
      await inTransaction(this.dataSource, (manager) => replaceFeeSchedule(manager, insurerId, entries));
      return ok({ insurerId, entries, updatedAt: new Date().toISOString() });
    });
  }
}
