import { ApiProperty } from '@nestjs/swagger';
import { CreatePlanDto } from '../plans/create-plan.dto.js';

/** API.md (Set-up): the plan as stored by underwriting; for the OpenAPI document only. */
export class PlanResponse extends CreatePlanDto {
  @ApiProperty({ description: 'The insurer that defined it', example: 'I-ACME' }) insurerId: string;
  @ApiProperty({ format: 'date-time', example: '2026-03-01T09:00:00.000Z' }) createdAt: string;
}

export class PlanPageResponse {
  @ApiProperty({ type: [PlanResponse] }) items: PlanResponse[];
  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'Pass as ?cursor= for the next page; null on the last page',
  })
  nextCursor: string | null;
}
