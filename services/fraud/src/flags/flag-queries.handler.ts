import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import {
  isUuid,
  listFlagsPayload,
  RpcPatterns,
  type FlagDetail,
  type ListFlagsResult,
  type RpcReply,
} from '#libs/contracts';
import {
  answering,
  forbidden,
  invalid,
  malformedRequest,
  notFound,
  ok,
  parseWith,
  payloadOf,
  principalOf,
} from '#libs/rpc';
import { callingAnalystInsurer } from '../rpc/callers.js';
import { claimSummary, findFlag, flagHistory, listFlags } from './flag-store.js';

/** The analyst queue (API.md, Fraud review): its insurer's flags only; another's is a 404. */
@Controller()
export class FlagQueriesHandler {
  private readonly logger = new Logger('FlagQueries');

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @MessagePattern(RpcPatterns.listFlags)
  async list(@Payload() request: unknown): Promise<RpcReply<ListFlagsResult>> {
    return answering(this.logger, 'list flags', async () => {
      const principal = principalOf(request);
      if (!principal) return malformedRequest();
      const insurerId = callingAnalystInsurer(principal);
      if (!insurerId) return forbidden(principal, 'read the fraud queue');
      const query = parseWith(listFlagsPayload, payloadOf(request));
      if (!query.ok) return invalid('the request is not valid', query.errors);
      const page = await listFlags(this.dataSource.manager, insurerId, query.value);
      if (!page)
        return invalid('the request is not valid', [
          { field: 'cursor', message: 'cursor must be a cursor returned by a previous page' },
        ]);
      return ok(page);
    });
  }

  @MessagePattern(RpcPatterns.getFlag)
  async get(@Payload() request: unknown): Promise<RpcReply<FlagDetail>> {
    return answering(this.logger, 'read the flag', async () => {
      const principal = principalOf(request);
      if (!principal) return malformedRequest();
      const insurerId = callingAnalystInsurer(principal);
      if (!insurerId) return forbidden(principal, 'read the fraud queue');
      const id = (payloadOf(request) as { id?: unknown } | undefined)?.id;
      if (!isUuid(id)) return notFound('flag');
      const manager = this.dataSource.manager;
      const flag = await findFlag(manager, id, insurerId);
      if (!flag) return notFound('flag');
      return ok({
        ...flag.view,
        claim: await claimSummary(manager, flag.view.claimId),
        history: await flagHistory(manager, id),
      });
    });
  }
}
