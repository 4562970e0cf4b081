import { Body, Controller, Get, Param, Post, Query, UseGuards } from '@nestjs/common';
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
import { ID_PATTERN, RpcPatterns, type ListPlansPayload, type PlanPage, type PlanView } from '#libs/contracts';
import { ProblemException } from '../http/problem.exception.js';
import { ApiProblems } from '../openapi/problem.schema.js';
import { DEFAULT_PAGE_SIZE, PageQuery } from '../pagination/page-query.js';
import { Caller, type RpcCaller } from '../rpc/rpc-caller.js';
import { ServiceRpc } from '../rpc/service-rpc.js';
import { CreatePlanDto, EXAMPLE_PLAN } from './create-plan.dto.js';
import { PlanPageResponse, PlanResponse } from './plan.responses.js';

/** Plans (API.md, Set-up): an insurer defines and reads its own; underwriting keeps them. */
@ApiTags('set-up')
@ApiBearerAuth()
@ApiProblems('unauthorized', 'forbidden', 'service-unavailable')
@Controller('v1/plans')
@UseGuards(AuthGuard)
export class PlansController {
  constructor(private readonly rpc: ServiceRpc) {}

  @Post()
  @Roles('insurer')
  @ApiOperation({
    summary: 'Define a plan',
    description:
      'Insurers only; the plan belongs to the caller’s insurer. Every code and category must be in the ' +
      'procedure reference table (400 naming the entry otherwise). Plans are not changed once defined.',
  })
  @ApiBody({ type: CreatePlanDto, examples: { gold: { summary: 'A plan', value: EXAMPLE_PLAN } } })
  @ApiCreatedResponse({ type: PlanResponse, description: 'The plan, defined' })
  @ApiProblems('validation', 'conflict', 'payload-too-large', 'unsupported-media-type')
  create(@Body() body: CreatePlanDto, @Caller() caller: RpcCaller): Promise<PlanView> {
    return this.rpc.call(RpcPatterns.createPlan, caller, { ...body });
  }

  @Get()
  @Roles('insurer')
  @ApiOperation({ summary: 'List the insurer’s plans', description: 'Its own plans only, newest first.' })
  @ApiOkResponse({ type: PlanPageResponse, description: 'One page of plans' })
  @ApiProblems('validation')
  list(@Query() query: PageQuery, @Caller() caller: RpcCaller): Promise<PlanPage> {
    const payload: ListPlansPayload = { limit: query.limit ?? DEFAULT_PAGE_SIZE };
    if (query.cursor !== undefined) payload.cursor = query.cursor;
    return this.rpc.call(RpcPatterns.listPlans, caller, payload);
  }

  @Get(':id')
  @Roles('insurer')
  @ApiOperation({ summary: 'Get a plan', description: 'One of the caller’s plans, with its terms.' })
  @ApiParam({ name: 'id', example: 'PLAN-GOLD' })
  @ApiOkResponse({ type: PlanResponse, description: 'The plan' })
  @ApiProblems('not-found')
  get(@Param('id') id: string, @Caller() caller: RpcCaller): Promise<PlanView> {
    // Plan ids follow the id pattern; anything else names no plan, so it is a 404 without asking.
    if (!ID_PATTERN.test(id)) throw ProblemException.of('not-found', 'no such plan');
    return this.rpc.call(RpcPatterns.getPlan, caller, { id });
  }
}
