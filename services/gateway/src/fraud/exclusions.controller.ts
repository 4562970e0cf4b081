import { Body, Controller, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthGuard, Roles } from '#libs/auth';
import { RpcPatterns, type CreateExclusionPayload, type ExclusionView } from '#libs/contracts';
import { ApiProblems } from '../openapi/problem.schema.js';
import { Caller, type RpcCaller } from '../rpc/rpc-caller.js';
import { ServiceRpc } from '../rpc/service-rpc.js';
import { CreateExclusionDto, EXAMPLE_EXCLUSION } from './create-exclusion.dto.js';
import { ExclusionResponse } from './fraud.responses.js';

/**
 * Provider exclusions (API.md, Set-up): claims whose service date falls inside one hit
 * EXCLUDED_PROVIDER. An admin's applies to every insurer, an insurer's to its own claims.
 */
@ApiTags('set-up')
@ApiBearerAuth()
@ApiProblems('unauthorized', 'forbidden', 'service-unavailable')
@Controller('v1/fraud/exclusions')
@UseGuards(AuthGuard)
export class ExclusionsController {
  constructor(private readonly rpc: ServiceRpc) {}

  @Post()
  @Roles('admin', 'insurer')
  @ApiOperation({ summary: 'Exclude a provider', description: 'From `from` to `to`, or open-ended without `to`.' })
  @ApiBody({ type: CreateExclusionDto, examples: { exclusion: { summary: 'An exclusion', value: EXAMPLE_EXCLUSION } } })
  @ApiCreatedResponse({ type: ExclusionResponse, description: 'The exclusion, in force on its dates' })
  @ApiProblems('validation', 'payload-too-large', 'unsupported-media-type')
  create(@Body() body: CreateExclusionDto, @Caller() caller: RpcCaller): Promise<ExclusionView> {
    const payload: CreateExclusionPayload = { providerId: body.providerId, from: body.from, reason: body.reason };
    if (body.to !== undefined) payload.to = body.to;
    return this.rpc.call(RpcPatterns.createExclusion, caller, payload);
  }
}
