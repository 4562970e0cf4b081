import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, Matches, ValidateNested } from 'class-validator';
import { isRealDate, type EstimateRequestPayload } from '#libs/contracts';
import { ClaimLineDto } from '../claims/submit-claim.dto.js';
import { ID_MESSAGE, ID_PATTERN, IsOptionalField } from '../validation/id-pattern.js';
import { fieldRule } from '../validation/validators.js';

/** A planned date: a real date, today (UTC) or later, since an estimate is asked before treatment. */
function IsPlannedDate(): PropertyDecorator {
  return fieldRule(
    'isPlannedDate',
    '$property must be a real date in YYYY-MM-DD form, today or later',
    (value) => typeof value === 'string' && isRealDate(value) && value >= new Date().toISOString().slice(0, 10),
  );
}

/** The public shape of the contract's estimate request: drift between the two fails the build. */
export class CreateEstimateDto implements EstimateRequestPayload {
  @ApiProperty({ example: 'M-1' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  memberId: string;

  @ApiProperty({ description: 'The treating provider: the calling clinic', example: 'P-1' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  providerId: string;

  @ApiProperty({ description: 'Planned date of service, today or later', example: '2026-12-14', format: 'date' })
  @IsPlannedDate()
  plannedDate: string;

  @ApiPropertyOptional({ description: 'Ask to pre-authorise the plan’s preauth codes', example: true })
  @IsOptionalField()
  @IsBoolean()
  preauthorization?: boolean;

  @ApiProperty({ type: [ClaimLineDto], minItems: 1, maxItems: 50 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ClaimLineDto)
  lines: ClaimLineDto[];
}

export const EXAMPLE_ESTIMATE_REQUEST = {
  memberId: 'M-1',
  providerId: 'P-1',
  plannedDate: '2026-12-14',
  preauthorization: true,
  lines: [
    { code: '99213', units: 1, charge: 15000 },
    { code: '73721', units: 1, charge: 120000 },
  ],
};
