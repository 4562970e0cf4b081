import { Body, Controller, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthGuard, Roles } from '#libs/auth';
import { RpcPatterns, type InsurerView } from '#libs/contracts';
import { ApiProblems } from '../openapi/problem.schema.js';
import { Caller, type RpcCaller } from '../rpc/rpc-caller.js';
import { ServiceRpc } from '../rpc/service-rpc.js';
import { CreateInsurerDto, EXAMPLE_INSURER } from './create-insurer.dto.js';
import { InsurerResponse } from './insurer.responses.js';

/** Insurers (API.md, Set-up): the platform's admins register them; underwriting keeps them. */
@ApiTags('set-up')
@ApiBearerAuth()
@ApiProblems('unauthorized', 'forbidden', 'service-unavailable')
@Controller('v1/insurers')
@UseGuards(AuthGuard)
export class InsurersController {
  constructor(private readonly rpc: ServiceRpc) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Register an insurer', description: 'Admins only.' })
  @ApiBody({ type: CreateInsurerDto, examples: { insurer: { summary: 'An insurer', value: EXAMPLE_INSURER } } })
  @ApiCreatedResponse({ type: InsurerResponse, description: 'The insurer, registered' })
  @ApiProblems('validation', 'conflict', 'payload-too-large', 'unsupported-media-type')
  create(@Body() body: CreateInsurerDto, @Caller() caller: RpcCaller): Promise<InsurerView> {
    return this.rpc.call(RpcPatterns.createInsurer, caller, { id: body.id, name: body.name, address: body.address });
  }
}
