import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { reviewBacklogPayload, RpcPatterns, type ReviewBacklogResult, type RpcReply } from '#libs/contracts';
import { inRole, ok, serveRequest } from '#libs/rpc';

const BACKLOG_RULES = {
  action: 'count the review backlog',
  // The gateway asks as the platform (an admin principal); the count names no claim and no tenant.
  caller: inRole('admin'),
  refusal: 'count the review backlog',
  payload: reviewBacklogPayload,
  invalidDetail: 'the backlog request takes no fields',
};

/**
 * The review backlog for the gateway's admission control (docs/decisions/0016-admission-control.md):
 * claims whose saga still waits for a check. `next_deadline_at` is set exactly while a check is out
 * (saga-mapping `nextDeadline`), so this counts the partial index `claim_sagas_due` only, whose size
 * is the backlog itself: bounded by admission, and asked a few times a second per gateway replica at
 * most, never once per claim.
 */
@Controller()
export class ReviewBacklogHandlers {
  private readonly logger = new Logger('ReviewBacklog');

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @MessagePattern(RpcPatterns.reviewBacklog)
  async backlog(@Payload() request: unknown): Promise<RpcReply<ReviewBacklogResult>> {
    return serveRequest(this.logger, request, BACKLOG_RULES, async () => {
      const [row] = await this.dataSource.query<{ claims: number }[]>(
        'SELECT count(*)::int AS claims FROM claim_sagas WHERE next_deadline_at IS NOT NULL',
      );
      return ok({ claims: row.claims });
    });
  }
}
