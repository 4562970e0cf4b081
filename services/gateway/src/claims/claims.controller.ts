import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { AuthGuard, Roles } from '#libs/auth';
import {
  type ClaimsSummaryPayload,
  type ClaimsSummaryResult,
  type ClaimTimelineResult,
  type GetClaimResult,
  type ListClaimsPayload,
  type ListClaimsResult,
  RpcPatterns,
  type SubmitClaimPayload,
  type SubmitClaimResult,
  UUID_ANY_CASE_PATTERN,
} from '#libs/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AdmissionGuard } from '../admission/admission-control.js';
import { ProblemException } from '../http/problem.exception.js';
import { requestFingerprint, submissionKey } from '../idempotency/idempotency-fingerprint.js';
import { IdempotencyService } from '../idempotency/idempotency.service.js';
import { ApiProblems } from '../openapi/problem.schema.js';
import { DEFAULT_PAGE_SIZE } from '../pagination/page-query.js';
import { Caller, type RpcCaller } from '../rpc/rpc-caller.js';
import { ServiceRpc } from '../rpc/service-rpc.js';
import {
  ClaimAcceptedResponse,
  ClaimPageResponse,
  ClaimResponse,
  ClaimsSummaryResponse,
  TimelineResponse,
} from './claim.responses.js';
import { ClaimsSummaryQuery } from './claims-summary.query.js';
import { ListClaimsQuery } from './list-claims.query.js';
import { EXAMPLE_CLAIM, SubmitClaimDto } from './submit-claim.dto.js';
import { Audited } from '../audit/audited.decorator.js';

/**
 * Claims (API.md): validate, then ask the claims service, which applies ownership. Clinics and
 * insurers submit; patients, clinics, insurers and the insurer's analysts (who work its fraud
 * queue) read. Admins operate the platform and read no claims.
 */
@ApiTags('claims')
@ApiBearerAuth()
@ApiProblems('unauthorized', 'forbidden', 'service-unavailable')
@Controller('v1/claims')
@UseGuards(AuthGuard)
export class ClaimsController {
  constructor(
    private readonly rpc: ServiceRpc,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Post()
  @HttpCode(202)
  @Audited('claim')
  @Roles('clinic', 'insurer')
  @UseGuards(AdmissionGuard)
  @ApiOperation({
    summary: 'Submit a claim',
    description:
      'Accepted for review; follow it with GET /v1/claims/{id}. While too many claims wait for review the ' +
      'answer is 429 with Retry-After and nothing is stored: send it again after that many seconds.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Up to 255 characters, kept 24 h: the same key and body replay the first response; another body gets 409',
    example: 'claim-2026-03-14-0001',
  })
  @ApiBody({ type: SubmitClaimDto, examples: { officeVisit: { summary: 'An office visit', value: EXAMPLE_CLAIM } } })
  @ApiAcceptedResponse({
    type: ClaimAcceptedResponse,
    description: 'Accepted: the claim is stored and its review has started',
  })
  @ApiProblems(
    'validation',
    'payload-too-large',
    'unsupported-media-type',
    'idempotency-key-reused',
    'review-backlog-full',
  )
  async submit(
    @Body() body: SubmitClaimDto,
    @Caller() caller: RpcCaller,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SubmitClaimResult> {
    await this.assertInsurersOwnMember(caller, body);
    const submit = (payload: SubmitClaimPayload) => () => this.rpc.call(RpcPatterns.submitClaim, caller, payload);
    if (idempotencyKey === undefined) return submit({ ...body })();
    const { principal } = caller;
    const fingerprint = requestFingerprint(request.method, '/v1/claims', request.body);
    const { value, replayed } = await this.idempotency.execute(
      { key: idempotencyKey, principal, method: request.method, path: '/v1/claims', body: request.body },
      202,
      submit({ ...body, submissionKey: submissionKey(principal, idempotencyKey, fingerprint) }),
    );
    if (replayed) reply.header('Idempotent-Replayed', 'true');
    return value;
  }

  @Get()
  @Roles('clinic', 'insurer', 'patient', 'analyst')
  @Audited('claim')
  @ApiOperation({
    summary: 'List the caller’s claims',
    description: 'Insurer and analyst: its members’ claims; clinic: its submissions; patient: own. Newest first.',
  })
  @ApiOkResponse({ type: ClaimPageResponse, description: 'One page of claims' })
  @ApiProblems('validation')
  list(@Query() query: ListClaimsQuery, @Caller() caller: RpcCaller): Promise<ListClaimsResult> {
    const payload: ListClaimsPayload = { limit: query.limit ?? DEFAULT_PAGE_SIZE };
    if (query.status !== undefined) payload.status = query.status;
    if (query.memberId !== undefined) payload.memberId = query.memberId;
    if (query.providerId !== undefined) payload.providerId = query.providerId;
    if (query.cursor !== undefined) payload.cursor = query.cursor;
    return this.rpc.call(RpcPatterns.listClaims, caller, payload);
  }

  @Get('summary')
  @Roles('clinic', 'insurer')
  @ApiOperation({
    summary: 'The caller’s claims counted and totalled by status',
    description:
      'Over the same claims as the list (insurer: its members’; clinic: its submissions), per status and ' +
      'currency, amounts in minor units; optionally only those submitted from/to a day (UTC, inclusive).',
  })
  @ApiOkResponse({ type: ClaimsSummaryResponse, description: 'Counts and totals per status' })
  @ApiProblems('validation')
  summary(@Query() query: ClaimsSummaryQuery, @Caller() caller: RpcCaller): Promise<ClaimsSummaryResult> {
    const payload: ClaimsSummaryPayload = {};
    if (query.from !== undefined) payload.from = query.from;
    if (query.to !== undefined) payload.to = query.to;
    return this.rpc.call(RpcPatterns.claimsSummary, caller, payload);
  }

  @Get(':id')
  @Roles('clinic', 'insurer', 'patient', 'analyst')
  @Audited('claim')
  @ApiOperation({ summary: 'Get a claim', description: 'Patients and clinics see pending_review as in_review.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ClaimResponse, description: 'The claim' })
  @ApiProblems('not-found')
  get(@Param('id') id: string, @Caller() caller: RpcCaller): Promise<GetClaimResult> {
    return this.rpc.call(RpcPatterns.getClaim, caller, { id: claimId(id) });
  }

  @Get(':id/timeline')
  @Roles('clinic', 'insurer', 'patient', 'analyst')
  @Audited('claim', { idsFrom: 'param' })
  @ApiOperation({
    summary: 'A claim’s status history',
    description: 'Every transition with its time, reason and actor.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: TimelineResponse, description: 'The timeline, oldest first' })
  @ApiProblems('not-found')
  timeline(@Param('id') id: string, @Caller() caller: RpcCaller): Promise<ClaimTimelineResult> {
    return this.rpc.call(RpcPatterns.claimTimeline, caller, { id: claimId(id) });
  }

  /**
   * An insurer submits only for its own members. Underwriting, which owns members, answers at once (the
   * claims service's copy follows its events, so a member created a moment ago may not be there yet);
   * another insurer's member and an unknown one get the same 403, so no other tenant's ids are revealed.
   */
  private async assertInsurersOwnMember(caller: RpcCaller, body: SubmitClaimDto): Promise<void> {
    if (caller.principal.role !== 'insurer') return;
    try {
      await this.rpc.call(RpcPatterns.memberEligibility, caller, { memberId: body.memberId, date: body.serviceDate });
    } catch (error) {
      if (error instanceof ProblemException && error.problem.status === 404) {
        throw ProblemException.of('forbidden', 'an insurer submits claims only for its own members');
      }
      throw error;
    }
  }
}

/** Claim ids are UUIDs; anything else names no claim, so it is a 404 without asking the service. */
function claimId(id: string): string {
  if (!UUID_ANY_CASE_PATTERN.test(id)) throw ProblemException.of('not-found', 'no such claim');
  return id.toLowerCase();
}
