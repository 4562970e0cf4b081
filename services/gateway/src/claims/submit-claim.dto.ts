import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PROCEDURE_CODE_PATTERN, type EstimateLineInput, type SubmitClaimPayload } from '#libs/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ID_MESSAGE, ID_PATTERN, IsOptionalField } from '../validation/id-pattern.js';
import { IsMinorUnits, IsRealDate } from '../validation/validators.js';
import { IsNotInFuture } from '../validation/service-date.js';

type SubmitClaimLine = SubmitClaimPayload['lines'][number];
type RecordReference = NonNullable<SubmitClaimPayload['records']>[number];

/** A line of a claim or of an estimate request: it implements both contracts' lines. */
export class ClaimLineDto implements SubmitClaimLine, EstimateLineInput {
  @ApiProperty({
    description: 'Procedure code: 5 letters or digits (CPT/HCPCS)',
    example: '99213',
    pattern: '^[A-Z0-9]{5}$',
  })
  @Matches(PROCEDURE_CODE_PATTERN, { message: '$property must be 5 upper-case letters or digits (e.g. 99213)' })
  code: string;

  @ApiProperty({ description: 'Units of service', example: 1, minimum: 1, maximum: 9999, type: 'integer' })
  @IsInt({ message: '$property must be an integer' })
  @Min(1)
  @Max(9999)
  units: number;

  @ApiProperty({ description: 'Billed charge in the minor unit (cents)', example: 15000, minimum: 0, type: 'integer' })
  @IsMinorUnits()
  charge: number;

  @ApiPropertyOptional({ description: 'Procedure modifiers (2 letters or digits)', example: ['25'], type: [String] })
  @IsOptionalField()
  @IsArray()
  @ArrayMaxSize(4)
  @Matches(/^[A-Z0-9]{2}$/, { each: true, message: 'each of $property must be 2 upper-case letters or digits' })
  modifiers?: string[];
}

export class RecordReferenceDto implements RecordReference {
  @ApiProperty({ description: 'Id of an anchored medical record', example: 'REC-2026-0001' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  recordId: string;

  @ApiProperty({
    description: 'SHA-256 of the record, lower-case hex',
    example: 'a'.repeat(64),
    pattern: '^[0-9a-f]{64}$',
  })
  @Matches(/^[0-9a-f]{64}$/, { message: '$property must be 64 lower-case hex digits' })
  sha256: string;
}

/** The public shape of the contract's claim at intake: drift between the two fails the build. */
export class SubmitClaimDto implements SubmitClaimPayload {
  @ApiProperty({ example: 'M-1' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  memberId: string;

  @ApiProperty({ description: 'The treating provider; a clinic submits only as itself', example: 'P-1' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  providerId: string;

  @ApiProperty({
    description: 'Date of service, YYYY-MM-DD; not in the future (a day of slack for time zones)',
    example: '2026-03-14',
    format: 'date',
  })
  @IsRealDate()
  @IsNotInFuture()
  serviceDate: string;

  @ApiProperty({ description: 'ICD-10 diagnosis codes', example: ['J06.9'], type: [String] })
  @IsArray()
  @ArrayMaxSize(12)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9.]{1,9}$/, {
    each: true,
    message: 'each of $property must be a diagnosis code like J06.9',
  })
  diagnosisCodes: string[];

  @ApiProperty({ type: [ClaimLineDto], minItems: 1, maxItems: 50 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ClaimLineDto)
  lines: ClaimLineDto[];

  @ApiPropertyOptional({ description: 'Anchored records that support the claim', type: [RecordReferenceDto] })
  @IsOptionalField()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RecordReferenceDto)
  records?: RecordReferenceDto[];

  @ApiPropertyOptional({ description: 'An estimate (with its pre-authorisation) the claim relies on', example: 'E-42' })
  @IsOptionalField()
  @IsString()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  estimateId?: string;
}

/** The example of the OpenAPI document. */
export const EXAMPLE_CLAIM = {
  memberId: 'M-1',
  providerId: 'P-1',
  serviceDate: '2026-03-14',
  diagnosisCodes: ['J06.9'],
  lines: [
    { code: '99213', units: 1, charge: 15000 },
    { code: '87880', units: 1, charge: 3500, modifiers: ['QW'] },
  ],
  records: [{ recordId: 'REC-2026-0001', sha256: 'a'.repeat(64) }],
};
