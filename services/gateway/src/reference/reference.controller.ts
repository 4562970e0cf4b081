import { Controller, Get, Headers, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuthGuard } from '#libs/auth';
import { RpcPatterns, type ListProceduresPayload } from '#libs/contracts';
import { ApiProblems } from '../openapi/problem.schema.js';
import { DEFAULT_PAGE_SIZE } from '../pagination/page-query.js';
import { Caller, type RpcCaller } from '../rpc/rpc-caller.js';
import { ServiceRpc } from '../rpc/service-rpc.js';
import { entityTagOf, matchesEntityTag } from './entity-tag.js';
import { ListProceduresQuery } from './list-procedures.query.js';
import { ProcedurePageResponse } from './procedure.responses.js';

/**
 * How long a browser may reuse a page of reference data without asking, then revalidates it with its
 * ETag. Private: answered to signed-in callers only; short: a loaded table shows up within minutes.
 */
export const REFERENCE_CACHE_CONTROL = 'private, max-age=300';

/**
 * Reference data (underwriting's procedure table): the same for every signed-in role, no personal data,
 * so it is cacheable, unlike the rest of /v1 (security-headers.ts).
 */
@ApiTags('reference data')
@ApiBearerAuth()
@ApiProblems('unauthorized', 'forbidden', 'service-unavailable')
@Controller('v1/reference')
@UseGuards(AuthGuard)
export class ReferenceController {
  constructor(private readonly rpc: ServiceRpc) {}

  @Get('procedures')
  @ApiOperation({
    summary: 'The procedure reference table',
    description:
      'Any authenticated caller. The codes the platform prices and decides coverage with, in code order; ' +
      '`q` matches the start of a code or any part of a description, `category` one category. Cacheable: ' +
      '`ETag` and `Cache-Control`; `If-None-Match` with the tag answers 304.',
  })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'The ETag of a page read before' })
  @ApiOkResponse({ type: ProcedurePageResponse, description: 'One page of procedures' })
  @ApiResponse({ status: 304, description: 'Unchanged since the ETag given in If-None-Match' })
  @ApiProblems('validation')
  async procedures(
    @Query() query: ListProceduresQuery,
    @Caller() caller: RpcCaller,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const payload: ListProceduresPayload = { limit: query.limit ?? DEFAULT_PAGE_SIZE };
    if (query.q !== undefined) payload.q = query.q;
    if (query.category !== undefined) payload.category = query.category;
    if (query.cursor !== undefined) payload.cursor = query.cursor;
    const page = await this.rpc.call(RpcPatterns.listProcedures, caller, payload);
    const tag = entityTagOf(page);
    reply.header('etag', tag).header('cache-control', REFERENCE_CACHE_CONTROL);
    if (matchesEntityTag(ifNoneMatch, tag)) await reply.status(304).send();
    else await reply.status(200).send(page);
  }
}
