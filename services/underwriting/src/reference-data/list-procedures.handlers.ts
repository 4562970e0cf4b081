import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { listProceduresPayload, RpcPatterns, type ListProceduresResult, type RpcReply } from '#libs/contracts';
import { invalidField, ok, serveRequest } from '#libs/rpc';
import { decodeProcedureCursor, encodeProcedureCursor } from './procedure-cursor.js';
import { listProcedures } from './procedure-table.js';

/** No caller rule: reference data, the same for every role the gateway vouches for. */
const LIST_RULES = {
  action: 'list the procedures',
  payload: listProceduresPayload,
  invalidDetail: 'the procedure query is not valid',
};

/**
 * `GET /v1/reference/procedures` (any signed-in role): the procedure reference table this service decides
 * coverage with (UNKNOWN_CODE, categories), so a clinic chooses among the codes the platform knows.
 */
@Controller()
export class ListProceduresHandlers {
  private readonly logger = new Logger('ListProcedures');

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @MessagePattern(RpcPatterns.listProcedures)
  async list(@Payload() request: unknown): Promise<RpcReply<ListProceduresResult>> {
    return serveRequest(this.logger, request, LIST_RULES, async ({ input }) => {
      const after = input.cursor === undefined ? undefined : decodeProcedureCursor(input.cursor);
      if (after === null) return invalidField('cursor', 'must be a cursor returned by a previous page');
      const page = await listProcedures(this.dataSource.manager, {
        limit: input.limit,
        ...(input.q === undefined ? {} : { q: input.q }),
        ...(input.category === undefined ? {} : { category: input.category }),
        ...(after === undefined ? {} : { after }),
      });
      const last = page.items.at(-1);
      return ok({ items: page.items, nextCursor: page.more && last ? encodeProcedureCursor(last.code) : null });
    });
  }
}
