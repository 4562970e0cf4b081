import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { replaceFeeSchedulePayload, RpcPatterns, type FeeScheduleView, type RpcReply } from '#libs/contracts';
import { inTransaction } from '#libs/persistence';
import { insurerOf, ok, serveRequest } from '#libs/rpc';

const REPLACE_FEE_SCHEDULE_RULES = {
  action: 'replace the fee schedule',
  caller: insurerOf,
  refusal: 'keep a fee schedule',
  payload: replaceFeeSchedulePayload,
  invalidDetail: 'the fee schedule is not valid',
};

/** `PUT /v1/fee-schedule` (insurer): replaces the caller's whole schedule in one transaction. */
@Controller()
export class ReplaceFeeScheduleHandlers {
  private readonly logger = new Logger('FeeSchedule');

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @MessagePattern(RpcPatterns.replaceFeeSchedule)
  async replace(@Payload() request: unknown): Promise<RpcReply<FeeScheduleView>> {
    return serveRequest(this.logger, request, REPLACE_FEE_SCHEDULE_RULES, async ({ caller: insurerId, input }) => {
      const { entries } = input;
      await inTransaction(this.dataSource, async (manager) => {
        await manager.query(`DELETE FROM fee_schedule_entries WHERE insurer_id = $1`, [insurerId]);
        await manager.query(
          `INSERT INTO fee_schedule_entries (insurer_id, code, amount)
           SELECT $1, entry.code, entry.amount FROM jsonb_to_recordset($2::jsonb) AS entry(code text, amount bigint)`,
          [insurerId, JSON.stringify(entries)],
        );
      });
      return ok({ insurerId, entries, updatedAt: new Date().toISOString() });
    });
  }
}
