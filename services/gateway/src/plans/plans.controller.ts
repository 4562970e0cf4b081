import { Body, Controller, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthGuard, Roles } from '#libs/auth';
import { RpcPatterns, type PlanView } from '#libs/contracts';
import { ApiProblems } from '../openapi/problem.schema.js';
import { Caller, type RpcCaller } from '../rpc/rpc-caller.js';
import { ServiceRpc } from '../rpc/service-rpc.js';
import { CreatePlanDto, EXAMPLE_PLAN } from './create-plan.dto.js';
import { PlanResponse } from './plan.responses.js';

/** Plans (API.md, Set-up): an insurer defines its own; underwriting keeps them. */
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
}
