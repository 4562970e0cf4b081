import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CreateMemberPayload } from '#libs/contracts';
import { IsOptional, Matches } from 'class-validator';
import { ID_MESSAGE, ID_PATTERN } from '../validation/id-pattern.js';
import { IsChainAddress, IsDisplayName, IsNotBefore, IsRealDate } from '../validation/validators.js';

/**
 * An enrolment (API.md, Set-up). `coverageEnd` null or absent is open-ended coverage; dates are
 * real calendar dates and the end is not before the start. Rules that need the stored plan or
 * today's date (the plan is the caller's, the birth date is not in the future) are underwriting's.
 * It implements the contract's enrolment, so drift between the two fails the build.
 */
export class CreateMemberDto implements CreateMemberPayload {
  @ApiProperty({ description: 'The member’s id: the `patient` of their tokens', example: 'M-1001' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  id: string;

  @ApiProperty({ example: 'Ada Lovelace', maxLength: 200 })
  @IsDisplayName()
  name: string;

  @ApiProperty({ format: 'date', example: '1985-12-10' })
  @IsRealDate()
  birthDate: string;

  @ApiProperty({ description: 'One of the caller’s plans', example: 'PLAN-GOLD' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  planId: string;

  @ApiProperty({ format: 'date', example: '2026-01-01' })
  @IsRealDate()
  coverageStart: string;

  @ApiProperty({
    type: 'string',
    format: 'date',
    nullable: true,
    required: false,
    description: 'Last covered day; null or absent = open-ended',
    example: '2026-12-31',
  })
  @IsOptional()
  @IsRealDate()
  @IsNotBefore('coverageStart')
  coverageEnd?: string | null;

  @ApiProperty({
    description: 'The member’s on-chain address (a pseudonym; no personal data goes on chain)',
    example: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
  })
  @IsChainAddress()
  address: string;

  @ApiPropertyOptional({ type: 'string', format: 'date', nullable: true, example: null })
  @IsOptional()
  @IsRealDate()
  @IsNotBefore('birthDate')
  dateOfDeath?: string | null;
}

/** The example of the OpenAPI document. */
export const EXAMPLE_MEMBER = {
  id: 'M-1001',
  name: 'Ada Lovelace',
  birthDate: '1985-12-10',
  planId: 'PLAN-GOLD',
  coverageStart: '2026-01-01',
  coverageEnd: '2026-12-31',
  address: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
};
