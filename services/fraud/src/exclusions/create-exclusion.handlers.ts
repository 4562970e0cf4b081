import { randomUUID } from 'node:crypto';
import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { createExclusionPayload, RpcPatterns, type ExclusionView, type RpcReply } from '#libs/contracts';
import { ok, serveRequest } from '#libs/rpc';
import { exclusionScope } from '../rpc/callers.js';

const EXCLUDE_RULES = {
  action: 'exclude the provider',
  caller: exclusionScope,
  refusal: 'exclude providers',
  payload: createExclusionPayload,
  invalidDetail: 'the request is not valid',
};

/**
 * `POST /v1/fraud/exclusions`: a provider excluded from `from` to `to` (open-ended when absent). An
 * admin's exclusion applies to every insurer's claims, an insurer's to its own; EXCLUDED_PROVIDER
 * hits claims whose service date falls inside it.
 */
@Controller()
export class CreateExclusionHandlers {
  private readonly logger = new Logger('CreateExclusion');

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @MessagePattern(RpcPatterns.createExclusion)
  async create(@Payload() request: unknown): Promise<RpcReply<ExclusionView>> {
    return serveRequest(this.logger, request, EXCLUDE_RULES, async ({ principal, caller: { insurerId }, input }) => {
      const { providerId, from, to, reason } = input;
      const id = randomUUID();
      const [row]: { created_at: Date }[] = await this.dataSource.query(
        `INSERT INTO exclusions (id, provider_id, insurer_id, from_date, to_date, reason, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING created_at`,
        [id, providerId, insurerId, from, to ?? null, reason, principal.sub],
      );
      return ok({
        id,
        providerId,
        insurerId,
        from,
        to: to ?? null,
        reason,
        createdBy: principal.sub,
        createdAt: row.created_at.toISOString(),
      });
    });
  }
}
