import { Body, Controller, HttpCode, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, Matches, ValidateNested } from 'class-validator';
import { AuthGuard, Roles } from '#libs/auth';
import { PROCEDURE_CODE_PATTERN, RpcPatterns, type FeeScheduleView } from '#libs/contracts';
import { ApiProblems } from '../openapi/problem.schema.js';
import { Caller, type RpcCaller } from '../rpc/rpc-caller.js';
import { ServiceRpc } from '../rpc/service-rpc.js';
import { IsMinorUnits } from '../validation/validators.js';

export class FeeScheduleEntryDto {
  @ApiProperty({ description: 'Procedure code: 5 letters or digits', example: '99213', pattern: '^[A-Z0-9]{5}$' })
  @Matches(PROCEDURE_CODE_PATTERN, { message: '$property must be 5 upper-case letters or digits (e.g. 99213)' })
  code: string;

  @ApiProperty({ description: 'Fee per unit in the minor unit (cents)', example: 10000, minimum: 0, type: 'integer' })
  @IsMinorUnits()
  amount: number;
}

export class FeeScheduleDto {
  @ApiProperty({ type: [FeeScheduleEntryDto], maxItems: 20000 })
  @IsArray()
  @ArrayMaxSize(20_000)
  @ValidateNested({ each: true })
  @Type(() => FeeScheduleEntryDto)
  entries: FeeScheduleEntryDto[];
}

export class FeeScheduleResponse {
  @ApiProperty({ example: 'I-ACME' }) insurerId: string;
  @ApiProperty({ type: [FeeScheduleEntryDto] }) entries: FeeScheduleEntryDto[];
  @ApiProperty({ format: 'date-time', example: '2026-03-01T09:00:00.000Z' }) updatedAt: string;
}

const EXAMPLE_SCHEDULE = {
  entries: [
    { code: '99213', amount: 10000 },
    { code: '80053', amount: 2500 },
  ],
};

/** The insurer's fee schedule (API.md, Set-up): one per insurer, replaced whole; billing prices with it. */
@ApiTags('set-up')
@ApiBearerAuth()
@ApiProblems('unauthorized', 'forbidden', 'service-unavailable')
@Controller('v1/fee-schedule')
@UseGuards(AuthGuard)
export class FeeScheduleController {
  constructor(private readonly rpc: ServiceRpc) {}

  @Put()
  @HttpCode(200)
  @Roles('insurer')
  @ApiOperation({
    summary: 'Replace the caller’s fee schedule',
    description: 'A code missing from it prices to NO_FEE_SCHEDULE (plan pays nothing for that line).',
  })
  @ApiBody({ type: FeeScheduleDto, examples: { schedule: { summary: 'Two fees', value: EXAMPLE_SCHEDULE } } })
  @ApiOkResponse({ type: FeeScheduleResponse, description: 'The schedule as now in force' })
  @ApiProblems('validation', 'payload-too-large', 'unsupported-media-type')
  replace(@Body() body: FeeScheduleDto, @Caller() caller: RpcCaller): Promise<FeeScheduleView> {
    return this.rpc.call(RpcPatterns.replaceFeeSchedule, caller, {
      entries: body.entries.map((entry) => ({ code: entry.code, amount: entry.amount })),
    });
  }
}
