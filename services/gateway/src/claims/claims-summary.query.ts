import { ApiPropertyOptional } from '@nestjs/swagger';
import { OptionalQueryParam } from '../validation/id-pattern.js';
import { IsRealDate } from '../validation/validators.js';

/** `GET /v1/claims/summary?from=&to=`: claims submitted on those days (UTC), both inclusive. */
export class ClaimsSummaryQuery {
  @ApiPropertyOptional({
    type: 'string',
    format: 'date',
    description: 'Only claims submitted on or after this day (UTC)',
    example: '2026-03-01',
  })
  @OptionalQueryParam()
  @IsRealDate()
  from?: string;

  @ApiPropertyOptional({
    type: 'string',
    format: 'date',
    description: 'Only claims submitted on or before this day (UTC); not before `from`',
    example: '2026-03-31',
  })
  @OptionalQueryParam()
  @IsRealDate()
  to?: string;
}
