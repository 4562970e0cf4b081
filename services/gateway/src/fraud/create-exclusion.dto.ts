import type { CreateExclusionPayload } from '#libs/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ID_MESSAGE, ID_PATTERN } from '../validation/id-pattern.js';
import { IsNotBefore, IsRealDate } from '../validation/validators.js';

/** `POST /v1/fraud/exclusions`: a provider excluded from `from` to `to` (open-ended without `to`). */
export class CreateExclusionDto implements CreateExclusionPayload {
  @ApiProperty({ example: 'P-1' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  providerId: string;

  @ApiProperty({ format: 'date', example: '2026-03-01' })
  @IsRealDate()
  from: string;

  @ApiPropertyOptional({ type: 'string', format: 'date', nullable: true, example: '2026-12-31' })
  @IsOptional()
  @IsRealDate()
  @IsNotBefore('from')
  to?: string | null;

  @ApiProperty({ example: 'OIG exclusion list, 2026-02', maxLength: 2000 })
  @IsString({ message: '$property must be a string' })
  @MinLength(1, { message: '$property must not be empty' })
  @MaxLength(2000)
  @Matches(/\S/, { message: '$property must not be blank' })
  reason: string;
}

export const EXAMPLE_EXCLUSION = { providerId: 'P-1', from: '2026-03-01', to: null, reason: 'OIG exclusion list' };
