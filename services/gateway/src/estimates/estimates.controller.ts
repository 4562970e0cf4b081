import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthGuard, Roles } from '#libs/auth';
import {
  type EstimateRequestPayload,
  type EstimateView,
  type ListEstimatesPayload,
  type ListEstimatesResult,
  RpcPatterns,
  UUID_ANY_CASE_PATTERN,
} from '#libs/contracts';
import { ProblemException } from '../http/problem.exception.js';
import { requestFingerprint, submissionKey } from '../idempotency/idempotency-fingerprint.js';
import { IdempotencyService } from '../idempotency/idempotency.service.js';
import { ApiProblems } from '../openapi/problem.schema.js';
import { DEFAULT_PAGE_SIZE } from '../pagination/page-query.js';
import { Caller, type RpcCaller } from '../rpc/rpc-caller.js';
import { ServiceRpc } from '../rpc/service-rpc.js';
import { CreateEstimateDto, EXAMPLE_ESTIMATE_REQUEST } from './create-estimate.dto.js';
import { EstimatePageResponse, EstimateResponse } from './estimate.responses.js';
import { ListEstimatesQuery } from './list-estimates.query.js';
import { Audited } from '../audit/audited.decorator.js';

/**
 * Estimates (API.md): underwriting previews coverage for the planned lines (nothing stored), then
 * billing prices them on the member's current accumulators and stores the estimate. Clinics ask;
 * the clinic, the member and the member's insurer read.
 */
@ApiTags('estimates')
@ApiBearerAuth()
@ApiProblems('unauthorized', 'forbidden', 'service-unavailable')
@Controller('v1/estimates')
@UseGuards(AuthGuard)
export class EstimatesController {
  constructor(
    private readonly rpc: ServiceRpc,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('clinic')
  @Audited('estimate')
  @ApiOperation({
    summary: 'Ask for a pre-treatment estimate',
    description: 'Priced on the member’s current accumulators; reserves nothing. Optionally pre-authorises.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Up to 255 characters, kept 24 h: the same key and body replay the first response; another body gets 409',
    example: 'estimate-2026-12-01-0001',
  })
  @ApiBody({
    type: CreateEstimateDto,
    examples: { visit: { summary: 'A visit and an MRI', value: EXAMPLE_ESTIMATE_REQUEST } },
  })
  @ApiCreatedResponse({ type: EstimateResponse, description: 'The estimate' })
  @ApiProblems('validation', 'payload-too-large', 'unsupported-media-type', 'idempotency-key-reused')
  async create(
    @Body() body: CreateEstimateDto,
    @Caller() caller: RpcCaller,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EstimateView> {
    const estimate: EstimateRequestPayload = {
      memberId: body.memberId,
      providerId: body.providerId,
      plannedDate: body.plannedDate,
      preauthorization: body.preauthorization ?? false,
      lines: body.lines.map((line) => ({
        code: line.code,
        units: line.units,
        charge: line.charge,
        modifiers: line.modifiers ?? [],
      })),
    };
    if (estimate.providerId !== caller.principal.org) {
      throw ProblemException.of('validation', 'the estimate request is not valid', {
        errors: [{ field: 'providerId', message: 'providerId must be the calling clinic' }],
      });
    }
    const ask = (key?: string) => async () => {
      const coverage = await this.rpc.call(RpcPatterns.coveragePreview, caller, estimate);
      return this.rpc.call(RpcPatterns.createEstimate, caller, {
        request: estimate,
        coverage,
        ...(key === undefined ? {} : { submissionKey: key }),
      });
    };
    if (idempotencyKey === undefined) return ask()();
    const { principal } = caller;
    const fingerprint = requestFingerprint(request.method, '/v1/estimates', request.body);
    const { value, replayed } = await this.idempotency.execute(
      { key: idempotencyKey, principal, method: request.method, path: '/v1/estimates', body: request.body },
      201,
      ask(submissionKey(principal, idempotencyKey, fingerprint)),
    );
    if (replayed) reply.header('Idempotent-Replayed', 'true');
    return value;
  }

  @Get()
  @Roles('clinic', 'insurer', 'patient')
  @Audited('estimate')
  @ApiOperation({
    summary: 'List estimates',
    description: 'Clinic: those it asked for; patient: own; insurer: its members’. Newest first.',
  })
  @ApiOkResponse({ type: EstimatePageResponse, description: 'One page of estimates' })
  @ApiProblems('validation')
  list(@Query() query: ListEstimatesQuery, @Caller() caller: RpcCaller): Promise<ListEstimatesResult> {
    const payload: ListEstimatesPayload = { limit: query.limit ?? DEFAULT_PAGE_SIZE };
    if (query.memberId !== undefined) payload.memberId = query.memberId;
    if (query.cursor !== undefined) payload.cursor = query.cursor;
    return this.rpc.call(RpcPatterns.listEstimates, caller, payload);
  }

  @Get(':id')
  @Roles('clinic', 'insurer', 'patient')
  @Audited('estimate')
  @ApiOperation({
    summary: 'Get an estimate',
    description: 'Clinic: one it asked for; patient: own; insurer: its member’s. Anyone else’s is 404.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: EstimateResponse, description: 'The estimate' })
  @ApiProblems('not-found')
  get(@Param('id') id: string, @Caller() caller: RpcCaller): Promise<EstimateView> {
    if (!UUID_ANY_CASE_PATTERN.test(id)) throw ProblemException.of('not-found', 'no such estimate');
    return this.rpc.call(RpcPatterns.getEstimate, caller, { id: id.toLowerCase() });
  }
}
