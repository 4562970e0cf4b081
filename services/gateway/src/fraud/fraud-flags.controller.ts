import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { AuthGuard, Roles } from '#libs/auth';
import {
  type FlagDetail,
  type FlagNoteResult,
  type FlagView,
  type ListFlagsPayload,
  type ListFlagsResult,
  RpcPatterns,
  UUID_ANY_CASE_PATTERN,
} from '#libs/contracts';
import { ProblemException } from '../http/problem.exception.js';
import { ApiProblems } from '../openapi/problem.schema.js';
import { DEFAULT_PAGE_SIZE } from '../pagination/page-query.js';
import { Caller, type RpcCaller } from '../rpc/rpc-caller.js';
import { RefusesBody } from '../validation/refuses-body.js';
import { ServiceRpc } from '../rpc/service-rpc.js';
import { FlagDecisionDto, FlagNoteDto, ListFlagsQuery } from './flag-requests.dto.js';
import { FlagDetailResponse, FlagNoteResponse, FlagPageResponse, FlagResponse } from './fraud.responses.js';
import { Audited } from '../audit/audited.decorator.js';

/**
 * The fraud review queue (API.md, Fraud review): analysts of the claim's insurer only; the fraud
 * service scopes every call to the analyst's insurer (another insurer's flag is a 404) and records
 * each action with the caller's `sub` and the time.
 */
@ApiTags('fraud review')
@ApiBearerAuth()
@ApiProblems('unauthorized', 'forbidden', 'service-unavailable')
@Controller('v1/fraud/flags')
@UseGuards(AuthGuard)
@Roles('analyst')
export class FraudFlagsController {
  constructor(private readonly rpc: ServiceRpc) {}

  @Get()
  @Audited('fraud-flag')
  @ApiOperation({
    summary: 'The review queue',
    description: 'The insurer’s flags, newest first, or highest score first with `sort=score`.',
  })
  @ApiOkResponse({ type: FlagPageResponse, description: 'One page of flags' })
  @ApiProblems('validation')
  list(@Query() query: ListFlagsQuery, @Caller() caller: RpcCaller): Promise<ListFlagsResult> {
    const payload: ListFlagsPayload = { limit: query.limit ?? DEFAULT_PAGE_SIZE };
    if (query.status !== undefined) payload.status = query.status;
    if (query.minScore !== undefined) payload.minScore = query.minScore;
    if (query.rule !== undefined) payload.rule = query.rule;
    if (query.sort !== undefined) payload.sort = query.sort;
    if (query.cursor !== undefined) payload.cursor = query.cursor;
    return this.rpc.call(RpcPatterns.listFlags, caller, payload);
  }

  @Get(':id')
  @Audited('fraud-flag')
  @ApiOperation({ summary: 'A flag', description: 'The flag, the claim it is about and its history.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: FlagDetailResponse, description: 'The flag' })
  @ApiProblems('not-found')
  get(@Param('id') id: string, @Caller() caller: RpcCaller): Promise<FlagDetail> {
    return this.rpc.call(RpcPatterns.getFlag, caller, { id: flagId(id) });
  }

  @Post(':id/assign')
  @Audited('fraud-flag')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take a flag', description: '409 when another analyst holds it or it is decided.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: FlagResponse, description: 'The flag, assigned to the caller' })
  @ApiProblems('validation', 'not-found', 'conflict')
  @RefusesBody()
  assign(@Param('id') id: string, @Caller() caller: RpcCaller): Promise<FlagView> {
    return this.rpc.call(RpcPatterns.assignFlag, caller, { id: flagId(id) });
  }

  @Post(':id/notes')
  @Audited('fraud-flag', { idField: 'flagId' })
  @HttpCode(201)
  @ApiOperation({
    summary: 'Note a flag',
    description: 'Adds the note to the flag’s history, whatever its status and whoever holds it.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ type: FlagNoteDto })
  @ApiCreatedResponse({ type: FlagNoteResponse, description: 'The note, recorded' })
  @ApiProblems('validation', 'not-found', 'payload-too-large', 'unsupported-media-type')
  note(@Param('id') id: string, @Body() body: FlagNoteDto, @Caller() caller: RpcCaller): Promise<FlagNoteResult> {
    return this.rpc.call(RpcPatterns.addFlagNote, caller, { id: flagId(id), note: body.note });
  }

  @Post(':id/decision')
  @Audited('fraud-flag')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Decide a flag, once',
    description: 'confirm: the claim is denied FRAUD_CONFIRMED; dismiss: its review goes on. 409 if already decided.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ type: FlagDecisionDto })
  @ApiOkResponse({ type: FlagResponse, description: 'The flag, decided' })
  @ApiProblems('validation', 'not-found', 'conflict', 'payload-too-large', 'unsupported-media-type')
  decide(@Param('id') id: string, @Body() body: FlagDecisionDto, @Caller() caller: RpcCaller): Promise<FlagView> {
    return this.rpc.call(RpcPatterns.decideFlag, caller, { id: flagId(id), decision: body.decision, note: body.note });
  }
}

/** Flag ids are UUIDs; anything else names no flag, so it is a 404 without asking the service. */
function flagId(id: string): string {
  if (!UUID_ANY_CASE_PATTERN.test(id)) throw ProblemException.of('not-found', 'no such flag');
  return id.toLowerCase();
}
