import { Body, Controller, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { AuthGuard, Roles } from '#libs/auth';
import { isValidNpi, NPI_RULE, RpcPatterns, type ProviderView } from '#libs/contracts';
import { ApiProblems } from '../openapi/problem.schema.js';
import { Caller, type RpcCaller } from '../rpc/rpc-caller.js';
import { ServiceRpc } from '../rpc/service-rpc.js';
import { ID_MESSAGE, ID_PATTERN, IsOptionalField } from '../validation/id-pattern.js';
import { fieldRule, IsChainAddress, IsDisplayName } from '../validation/validators.js';

export class CreateProviderDto {
  @ApiProperty({ description: 'The provider’s id: the `org` of its clinic tokens', example: 'P-1' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  id: string;

  @ApiProperty({ example: 'Riverside Clinic', maxLength: 200 })
  @IsDisplayName()
  name: string;

  @ApiProperty({
    description: 'The clinic’s on-chain address: payee of its payouts and signer of its record anchors',
    example: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
    pattern: '^0x[0-9a-fA-F]{40}$',
  })
  @IsChainAddress()
  address: string;

  @ApiPropertyOptional({
    description:
      'The National Provider Identifier: 10 digits with a valid check digit (Luhn over 80840 and the first nine), unique across the platform. The FHIR facade matches a Claim’s provider by it.',
    example: '1234567893',
    pattern: '^[0-9]{10}$',
  })
  @IsOptionalField()
  @IsNpi()
  npi?: string;
}

function IsNpi(): PropertyDecorator {
  return fieldRule('isNpi', `$property ${NPI_RULE}`, (value) => typeof value === 'string' && isValidNpi(value));
}

export class ProviderResponse extends CreateProviderDto {
  @ApiProperty({ format: 'date-time', example: '2026-03-01T09:00:00.000Z' }) createdAt: string;
}

const EXAMPLE_PROVIDER = {
  id: 'P-1',
  name: 'Riverside Clinic',
  address: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
  npi: '1234567893',
};

/** Providers (API.md, Set-up): admins register clinics; billing keeps them (payee of payouts). */
@ApiTags('set-up')
@ApiBearerAuth()
@ApiProblems('unauthorized', 'forbidden', 'service-unavailable')
@Controller('v1/providers')
@UseGuards(AuthGuard)
export class ProvidersController {
  constructor(private readonly rpc: ServiceRpc) {}

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary: 'Register a provider (clinic)',
    description: 'Admins only. A taken id or NPI is a 409 naming the field.',
  })
  @ApiBody({ type: CreateProviderDto, examples: { provider: { summary: 'A clinic', value: EXAMPLE_PROVIDER } } })
  @ApiCreatedResponse({ type: ProviderResponse, description: 'The provider, registered' })
  @ApiProblems('validation', 'conflict', 'payload-too-large', 'unsupported-media-type')
  create(@Body() body: CreateProviderDto, @Caller() caller: RpcCaller): Promise<ProviderView> {
    return this.rpc.call(RpcPatterns.createProvider, caller, {
      id: body.id,
      name: body.name,
      address: body.address,
      ...(body.npi === undefined ? {} : { npi: body.npi }),
    });
  }
}
