import { Body, Controller, HttpCode, Param, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { AuthGuard, Roles } from '#libs/auth';
import { RpcPatterns, type NetworkStatus, type NetworkView } from '#libs/contracts';
import { ProblemException } from '../http/problem.exception.js';
import { ApiProblems } from '../openapi/problem.schema.js';
import { Caller, type RpcCaller } from '../rpc/rpc-caller.js';
import { ServiceRpc } from '../rpc/service-rpc.js';
import { ID_PATTERN } from '../validation/id-pattern.js';

export class NetworkStatusDto {
  @ApiProperty({ enum: ['in', 'out'], example: 'in' })
  @IsIn(['in', 'out'], { message: '$property must be "in" or "out"' })
  status: NetworkStatus;
}

export class NetworkResponse {
  @ApiProperty({ example: 'I-ACME' }) insurerId: string;
  @ApiProperty({ example: 'P-1' }) providerId: string;
  @ApiProperty({ enum: ['in', 'out'], example: 'in' }) status: NetworkStatus;
  @ApiProperty({ format: 'date-time', example: '2026-03-01T09:00:00.000Z' }) updatedAt: string;
}

/** The insurer's provider network (API.md, Set-up). A provider never set is out of network. */
@ApiTags('set-up')
@ApiBearerAuth()
@ApiProblems('unauthorized', 'forbidden', 'service-unavailable')
@Controller('v1/network')
@UseGuards(AuthGuard)
export class NetworkController {
  constructor(private readonly rpc: ServiceRpc) {}

  @Put(':providerId')
  @HttpCode(200)
  @Roles('insurer')
  @ApiOperation({
    summary: 'Put a provider in or out of the caller’s network',
    description: 'In network: in-network coinsurance, no balance bill. Providers never set are out of network.',
  })
  @ApiParam({ name: 'providerId', example: 'P-1' })
  @ApiBody({ type: NetworkStatusDto, examples: { in: { summary: 'In network', value: { status: 'in' } } } })
  @ApiOkResponse({ type: NetworkResponse, description: 'The provider’s status in the caller’s network' })
  @ApiProblems('validation', 'payload-too-large', 'unsupported-media-type')
  set(
    @Param('providerId') providerId: string,
    @Body() body: NetworkStatusDto,
    @Caller() caller: RpcCaller,
  ): Promise<NetworkView> {
    if (!ID_PATTERN.test(providerId)) throw ProblemException.of('not-found', 'no such provider');
    return this.rpc.call(RpcPatterns.setNetwork, caller, { providerId, status: body.status });
  }
}
