import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { listFlagsPayload, RpcPatterns, type FlagDetail, type ListFlagsResult, type RpcReply } from '#libs/contracts';
import { PhiCipher } from '#libs/phi';
import { invalid, mintedId, notFound, ok, serveRequest } from '#libs/rpc';
import { callingAnalystInsurer } from '../rpc/callers.js';
import { queueStart } from './flag-queue-cursor.js';
import { claimSummary, findFlag, flagHistory, listFlags } from './flag-store.js';

const QUEUE_READERS = { caller: callingAnalystInsurer, refusal: 'read the fraud queue' };
const LIST_RULES = {
  action: 'list flags',
  ...QUEUE_READERS,
  payload: listFlagsPayload,
  invalidDetail: 'the request is not valid',
};
const GET_RULES = { action: 'read the flag', ...QUEUE_READERS, read: mintedId('flag') };

/** The analyst queue (API.md, Fraud review): its insurer's flags only; another's is a 404. */
@Controller()
export class FlagQueriesHandlers {
  private readonly logger = new Logger('FlagQueries');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(PhiCipher) private readonly cipher: PhiCipher,
  ) {}

  @MessagePattern(RpcPatterns.listFlags)
  async list(@Payload() request: unknown): Promise<RpcReply<ListFlagsResult>> {
    return serveRequest(this.logger, request, LIST_RULES, async ({ caller: insurerId, input: query }) => {
      const { cursor, sort = 'newest', ...filters } = query;
      const start = queueStart(sort, cursor);
      if ('refused' in start) return invalid('the request is not valid', [{ field: 'cursor', message: start.refused }]);
      return ok(await listFlags(this.dataSource.manager, this.cipher, insurerId, filters, start));
    });
  }

  @MessagePattern(RpcPatterns.getFlag)
  async get(@Payload() request: unknown): Promise<RpcReply<FlagDetail>> {
    return serveRequest(this.logger, request, GET_RULES, async ({ caller: insurerId, input: id }) => {
      const manager = this.dataSource.manager;
      const flag = await findFlag(manager, this.cipher, id, insurerId);
      if (!flag) return notFound('flag');
      return ok({
        ...flag.view,
        claim: await claimSummary(manager, flag.view.claimId),
        history: await flagHistory(manager, this.cipher, id),
      });
    });
  }
}
