import { ApiPropertyOptional } from '@nestjs/swagger';
import { OptionalQueryParam } from '../validation/id-pattern.js';
import { IsRealDate } from '../validation/validators.js';

export class EligibilityQuery {
  @ApiPropertyOptional({
    type: 'string',
    format: 'date',
    description: 'The day to check, YYYY-MM-DD; today (UTC) when absent. Its calendar year is the plan year.',
    example: '2026-03-14',
  })
  @OptionalQueryParam()
  @IsRealDate()
  date?: string;
}
