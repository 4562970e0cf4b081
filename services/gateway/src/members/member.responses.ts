import { ApiProperty } from '@nestjs/swagger';
import { PlanResponse } from '../plans/plan.responses.js';
import { MEMBER_STATUSES } from './update-member.dto.js';

/* Response shapes of API.md (Set-up), for the OpenAPI document only: the values come from the services. */

export class MemberResponse {
  @ApiProperty({ example: 'M-1001' }) id: string;
  @ApiProperty({ example: 'I-ACME' }) insurerId: string;
  @ApiProperty({ example: 'Ada Lovelace' }) name: string;
  @ApiProperty({ format: 'date', example: '1985-12-10' }) birthDate: string;
  @ApiProperty({ example: 'PLAN-GOLD' }) planId: string;
  @ApiProperty({ format: 'date', example: '2026-01-01' }) coverageStart: string;
  @ApiProperty({ type: 'string', format: 'date', nullable: true, example: '2026-12-31' })
  coverageEnd: string | null;
  @ApiProperty({ example: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC' }) address: string;
  @ApiProperty({ type: 'string', format: 'date', nullable: true, example: null }) dateOfDeath: string | null;
  @ApiProperty({ enum: MEMBER_STATUSES, example: 'active' }) status: string;
  @ApiProperty({ format: 'date-time', example: '2026-03-01T09:00:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-03-01T09:00:00.000Z' }) updatedAt: string;
}

export class AccumulatorsResponse {
  @ApiProperty({ type: 'integer', description: 'The plan year: calendar year of the date', example: 2026 })
  year: number;
  @ApiProperty({ type: 'integer', example: 0 }) deductibleMet: number;
  @ApiProperty({ type: 'integer', example: 0 }) oopMet: number;
  @ApiProperty({ type: 'integer', example: 0 }) planPaid: number;
}

export class EligibilityResponse {
  @ApiProperty({ example: 'M-1001' }) memberId: string;
  @ApiProperty({ format: 'date', example: '2026-03-14' }) date: string;
  @ApiProperty({ example: true }) eligible: boolean;
  @ApiProperty({
    type: [String],
    description: 'Why not, in the coverage decision’s codes (NOT_ELIGIBLE, WAITING_PERIOD); empty when eligible',
    example: [],
  })
  reasons: string[];
  @ApiProperty({ type: PlanResponse }) plan: PlanResponse;
  @ApiProperty({ type: AccumulatorsResponse }) accumulators: AccumulatorsResponse;
}

export class MemberPageResponse {
  @ApiProperty({ type: [MemberResponse] }) items: MemberResponse[];
  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'Pass as ?cursor= for the next page; null on the last page',
  })
  nextCursor: string | null;
}
