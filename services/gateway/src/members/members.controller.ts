import { Body, Controller, Get, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
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
  RpcPatterns,
  type ListMembersPayload,
  type MemberPage,
  type MemberView,
  type UpdateMemberPayload,
} from '#libs/contracts';
import { ProblemException } from '../http/problem.exception.js';
import { ApiProblems } from '../openapi/problem.schema.js';
import { DEFAULT_PAGE_SIZE } from '../pagination/page-query.js';
import { Caller, type RpcCaller } from '../rpc/rpc-caller.js';
import { ServiceRpc } from '../rpc/service-rpc.js';
import { ID_PATTERN } from '../validation/id-pattern.js';
import { CreateMemberDto, EXAMPLE_MEMBER } from './create-member.dto.js';
import { eligibilityAnswer, planYearOf, todayUtc, type EligibilityAnswer } from './eligibility.js';
import { EligibilityQuery } from './eligibility.query.js';
import { ListMembersQuery } from './list-members.query.js';
import { EligibilityResponse, MemberPageResponse, MemberResponse } from './member.responses.js';
import { UpdateMemberDto } from './update-member.dto.js';
import { Audited } from '../audit/audited.decorator.js';

/**
 * Members (API.md, Set-up): an insurer enrols and changes its own; underwriting applies ownership
 * (another insurer's member is a 404). Eligibility is underwriting's verdict with billing's
 * accumulators; clinics check any member before treating, patients their own.
 */
@ApiTags('set-up')
@ApiBearerAuth()
@ApiProblems('unauthorized', 'forbidden', 'service-unavailable')
@Controller('v1/members')
@UseGuards(AuthGuard)
export class MembersController {
  constructor(private readonly rpc: ServiceRpc) {}

  @Post()
  @Roles('insurer')
  @Audited('member')
  @ApiOperation({
    summary: 'Enrol a member',
    description: 'On one of the caller’s plans (400 on planId otherwise); one policy per member at a time.',
  })
  @ApiBody({ type: CreateMemberDto, examples: { member: { summary: 'A member', value: EXAMPLE_MEMBER } } })
  @ApiCreatedResponse({ type: MemberResponse, description: 'The member, enrolled' })
  @ApiProblems('validation', 'conflict', 'payload-too-large', 'unsupported-media-type')
  create(@Body() body: CreateMemberDto, @Caller() caller: RpcCaller): Promise<MemberView> {
    return this.rpc.call(RpcPatterns.createMember, caller, {
      id: body.id,
      name: body.name,
      birthDate: body.birthDate,
      planId: body.planId,
      coverageStart: body.coverageStart,
      coverageEnd: body.coverageEnd ?? null,
      address: body.address,
      dateOfDeath: body.dateOfDeath ?? null,
    });
  }

  @Get()
  @Roles('insurer')
  @Audited('member')
  @ApiOperation({
    summary: 'List the insurer’s members',
    description: 'Its own members only, newest first; optionally on one plan and/or in one status.',
  })
  @ApiOkResponse({ type: MemberPageResponse, description: 'One page of members' })
  @ApiProblems('validation')
  list(@Query() query: ListMembersQuery, @Caller() caller: RpcCaller): Promise<MemberPage> {
    const payload: ListMembersPayload = { limit: query.limit ?? DEFAULT_PAGE_SIZE };
    if (query.planId !== undefined) payload.planId = query.planId;
    if (query.status !== undefined) payload.status = query.status;
    if (query.cursor !== undefined) payload.cursor = query.cursor;
    return this.rpc.call(RpcPatterns.listMembers, caller, payload);
  }

  @Get(':id')
  @Roles('insurer', 'patient')
  @Audited('member', { memberParam: 'id' })
  @ApiOperation({
    summary: 'Get a member',
    description:
      'Insurer: its own members; patient: their own record. Clinics check coverage through eligibility instead.',
  })
  @ApiParam({ name: 'id', example: 'M-1001' })
  @ApiOkResponse({ type: MemberResponse, description: 'The member' })
  @ApiProblems('not-found')
  get(@Param('id') id: string, @Caller() caller: RpcCaller): Promise<MemberView> {
    return this.rpc.call(RpcPatterns.getMember, caller, { id: memberId(id) });
  }

  @Patch(':id')
  @Roles('insurer')
  @Audited('member', { memberParam: 'id' })
  @ApiOperation({
    summary: 'Change a member',
    description: 'Any of coverageEnd, dateOfDeath, status (at least one); null removes a date.',
  })
  @ApiParam({ name: 'id', example: 'M-1001' })
  @ApiBody({
    type: UpdateMemberDto,
    examples: {
      cancel: { summary: 'Cancel the policy', value: { status: 'cancelled' } },
      end: { summary: 'End coverage', value: { coverageEnd: '2026-06-30' } },
    },
  })
  @ApiOkResponse({ type: MemberResponse, description: 'The member as changed' })
  @ApiProblems('validation', 'not-found', 'payload-too-large', 'unsupported-media-type')
  update(@Param('id') id: string, @Body() body: UpdateMemberDto, @Caller() caller: RpcCaller): Promise<MemberView> {
    const change: UpdateMemberPayload = { id: memberId(id) };
    if (body.coverageEnd !== undefined) change.coverageEnd = body.coverageEnd;
    if (body.dateOfDeath !== undefined) change.dateOfDeath = body.dateOfDeath;
    if (body.status !== undefined) change.status = body.status;
    return this.rpc.call(RpcPatterns.updateMember, caller, change);
  }

  @Get(':id/eligibility')
  @Roles('insurer', 'clinic', 'patient')
  @Audited('member', { idsFrom: 'param', memberParam: 'id' })
  @ApiOperation({
    summary: 'Check a member’s eligibility',
    description:
      'Whether the member is covered on the date, the plan, and the accumulators of the plan year. ' +
      'Insurer: its members; clinic: any member; patient: their own.',
  })
  @ApiParam({ name: 'id', example: 'M-1001' })
  @ApiOkResponse({ type: EligibilityResponse, description: 'The verdict, the plan and the accumulators' })
  @ApiProblems('validation', 'not-found')
  async eligibility(
    @Param('id') id: string,
    @Query() query: EligibilityQuery,
    @Caller() caller: RpcCaller,
  ): Promise<EligibilityAnswer> {
    const member = memberId(id);
    const date = query.date ?? todayUtc();
    // Underwriting first: it decides who may see the member; billing is asked only then.
    const verdict = await this.rpc.call(RpcPatterns.memberEligibility, caller, { memberId: member, date });
    const year = planYearOf(date);
    const accumulators = await this.rpc.call(RpcPatterns.memberAccumulators, caller, { memberId: member, year });
    return eligibilityAnswer(verdict, accumulators);
  }
}

/** Member ids follow the id pattern; anything else names no member, so it is a 404 without asking. */
function memberId(id: string): string {
  if (!ID_PATTERN.test(id)) throw ProblemException.of('not-found', 'no such member');
  return id;
}
