import { ApiProperty } from '@nestjs/swagger';
import { PROCEDURE_CODE_PATTERN, type CreatePlanPayload } from '#libs/contracts';
import { ArrayMaxSize, IsArray, IsInt, IsObject, Matches, Max, Min } from 'class-validator';
import { EachEntry, type EntryCheck } from '../validation/each-entry.js';
import { ID_MESSAGE, ID_PATTERN } from '../validation/id-pattern.js';
import { IsDisplayName, isMinorUnits, IsMinorUnits, IsPercentage } from '../validation/validators.js';

/** Procedure categories of the reference table (`office_visit`, `lab`, …). */
const CATEGORY: EntryCheck = {
  isValid: (value) => typeof value === 'string' && /^[a-z][a-z0-9_]{0,63}$/.test(value),
  message: 'must be a procedure category: lower-case letters, digits and "_" (e.g. office_visit)',
};
const PROCEDURE_CODE: EntryCheck = {
  isValid: (value) => typeof value === 'string' && PROCEDURE_CODE_PATTERN.test(value),
  message: 'must be 5 upper-case letters or digits (e.g. 99213)',
};
const AMOUNT: EntryCheck = {
  isValid: isMinorUnits,
  message: 'must be a non-negative integer amount in minor units (e.g. cents)',
};
const MAX_CODES = 10_000;
const LIST_MESSAGE = { message: '$property must be a list' };

/**
 * A plan's benefits (API.md, Set-up; DOMAIN.md, Plan). The shape is checked here; that every code
 * and category exists in the procedure table is underwriting's to say. It implements the contract's
 * plan, so drift between the two fails the build.
 */
export class CreatePlanDto implements CreatePlanPayload {
  @ApiProperty({ example: 'PLAN-GOLD' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  id: string;

  @ApiProperty({ example: 'Gold 2026', maxLength: 200 })
  @IsDisplayName()
  name: string;

  @ApiProperty({ description: 'ISO 4217 currency of every amount', example: 'USD', pattern: '^[A-Z]{3}$' })
  @Matches(/^[A-Z]{3}$/, { message: '$property must be an ISO 4217 code: 3 upper-case letters (e.g. USD)' })
  currency: string;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Per plan year, minor units', example: 50000 })
  @IsMinorUnits()
  deductible: number;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100, description: 'Member share in network', example: 20 })
  @IsPercentage()
  coinsurancePct: number;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100, description: 'Member share out of network', example: 40 })
  @IsPercentage()
  outOfNetworkCoinsurancePct: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer', minimum: 0 },
    description: 'Category → copay in minor units; a line whose category has a copay skips deductible and coinsurance',
    example: { office_visit: 2500 },
  })
  @IsObject({ message: '$property must be an object of category → amount' })
  @EachEntry(AMOUNT, { key: CATEGORY })
  copays: Record<string, number>;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Out-of-pocket maximum per plan year', example: 400000 })
  @IsMinorUnits()
  oopMax: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Most the plan pays per plan year; 0 = none', example: 0 })
  @IsMinorUnits()
  annualLimit: number;

  @ApiProperty({ type: [String], example: ['office_visit', 'lab'] })
  @IsArray(LIST_MESSAGE)
  @ArrayMaxSize(100)
  @EachEntry(CATEGORY)
  coveredCategories: string[];

  @ApiProperty({ type: [String], description: 'Covered beyond the categories', example: ['71046'] })
  @IsArray(LIST_MESSAGE)
  @ArrayMaxSize(MAX_CODES)
  @EachEntry(PROCEDURE_CODE)
  coveredCodes: string[];

  @ApiProperty({ type: [String], example: ['99205'] })
  @IsArray(LIST_MESSAGE)
  @ArrayMaxSize(MAX_CODES)
  @EachEntry(PROCEDURE_CODE)
  excludedCodes: string[];

  @ApiProperty({ type: [String], description: 'Need an approved pre-authorisation', example: ['80053'] })
  @IsArray(LIST_MESSAGE)
  @ArrayMaxSize(MAX_CODES)
  @EachEntry(PROCEDURE_CODE)
  preauthCodes: string[];

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 3650, description: 'From coverage start', example: 30 })
  @IsInt({ message: '$property must be a whole number of days' })
  @Min(0)
  @Max(3650)
  waitingPeriodDays: number;
}

/** The example of the OpenAPI document. */
export const EXAMPLE_PLAN = {
  id: 'PLAN-GOLD',
  name: 'Gold 2026',
  currency: 'USD',
  deductible: 50000,
  coinsurancePct: 20,
  outOfNetworkCoinsurancePct: 40,
  copays: { office_visit: 2500 },
  oopMax: 400000,
  annualLimit: 0,
  coveredCategories: ['office_visit', 'lab', 'diagnostic'],
  coveredCodes: ['71046'],
  excludedCodes: ['99205'],
  preauthCodes: ['80053'],
  waitingPeriodDays: 30,
};
