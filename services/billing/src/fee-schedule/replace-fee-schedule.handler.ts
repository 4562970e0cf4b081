import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { replaceFeeSchedulePayload, RpcPatterns, type FeeScheduleView, type RpcReply } from '#libs/contracts';
import { inTransaction } from '#libs/persistence';
import {
  answering,
  forbidden,
  insurerOf,
  invalid,
  malformedRequest,
  ok,
  parseWith,
  payloadOf,
  principalOf,
} from '#libs/rpc';

/** `PUT /v1/fee-schedule` (insurer): replaces the caller's whole schedule in one transaction. */
@Controller()
export class ReplaceFeeScheduleHandler {
  private readonly logger = new Logger('FeeSchedule');

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @MessagePattern(RpcPatterns.replaceFeeSchedule)
  async replace(@Payload() request: unknown): Promise<RpcReply<FeeScheduleView>> {
    return answering(this.logger, 'replace the fee schedule', async () => {
      const principal = principalOf(request);
      if (!principal) return malformedRequest();
      const insurerId = insurerOf(principal);
      if (!insurerId) return forbidden(principal, 'keep a fee schedule');
      const input = parseWith(replaceFeeSchedulePayload, payloadOf(request));
      if (!input.ok) return invalid('the fee schedule is not valid', input.errors);
      const { entries } = input.value;
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
