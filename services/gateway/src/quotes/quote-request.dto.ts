import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import type { QuotePayload } from '#libs/contracts';
import { ArrayMaxSize, IsArray, IsObject, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ID_MESSAGE, ID_PATTERN } from '../validation/id-pattern.js';
import { IsJsonBoolean, IsRealDate } from '../validation/validators.js';

type Applicant = QuotePayload['applicant'];

export class ApplicantDto implements Applicant {
  @ApiProperty({ format: 'date', example: '1980-05-17' })
  @IsRealDate()
  birthDate: string;

  @ApiProperty({ example: false })
  @IsJsonBoolean()
  smoker: boolean;

  @ApiProperty({
    type: [String],
    description: 'Named chronic conditions; each distinct one raises the premium, up to four',
    example: ['asthma'],
  })
  @IsArray({ message: '$property must be a list' })
  @ArrayMaxSize(50)
  @Matches(/\S/, { each: true, message: 'each of $property must be a non-empty name' })
  @MaxLength(100, { each: true, message: 'each of $property must be at most 100 characters' })
  chronicConditions: string[];
}

/** A premium quote request (API.md, Set-up): nothing is stored. Drift from the contract fails the build. */
export class QuoteRequestDto implements QuotePayload {
  @ApiProperty({ description: 'One of the caller’s plans', example: 'PLAN-GOLD' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  planId: string;

  @ApiProperty({ type: ApplicantDto })
  @IsObject({ message: '$property must be an object' })
  @ValidateNested()
  @Type(() => ApplicantDto)
  applicant: ApplicantDto;
}

/** The example of the OpenAPI document. */
export const EXAMPLE_QUOTE_REQUEST = {
  planId: 'PLAN-GOLD',
  applicant: { birthDate: '1980-05-17', smoker: false, chronicConditions: ['asthma'] },
};
