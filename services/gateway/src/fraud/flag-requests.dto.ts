import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import {
  FLAG_DECISIONS,
  FLAG_SORTS,
  FLAG_STATUSES,
  FRAUD_RULE_CODES,
  type FlagDecision,
  type FlagSort,
  type FlagStatus,
  type FraudRuleCode,
} from '#libs/contracts';
import { PageQuery } from '../pagination/page-query.js';
import { OptionalQueryParam } from '../validation/id-pattern.js';

/** `GET /v1/fraud/flags?status=&minScore=&rule=&sort=&limit=&cursor=` (API.md, Fraud review). */
export class ListFlagsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: FLAG_STATUSES })
  @OptionalQueryParam()
  @IsIn(FLAG_STATUSES, { message: `$property must be one of ${FLAG_STATUSES.join(', ')}` })
  status?: FlagStatus;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 100, example: 60 })
  @OptionalQueryParam()
  // A query string carries text: converted only when it is all digits, so "6x" is refused.
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d{1,3}$/.test(value) ? Number(value) : value,
  )
  @IsInt({ message: '$property must be an integer' })
  @Min(0)
  @Max(100)
  minScore?: number;

  @ApiPropertyOptional({
    enum: FRAUD_RULE_CODES,
    description: 'Only flags with a hit of this rule among their rules (DOMAIN.md, Fraud rules)',
  })
  @OptionalQueryParam()
  @IsIn(FRAUD_RULE_CODES, { message: `$property must be one of ${FRAUD_RULE_CODES.join(', ')}` })
  rule?: FraudRuleCode;

  @ApiPropertyOptional({
    enum: FLAG_SORTS,
    default: 'newest',
    description:
      'newest: newest first. score: highest score first, then newest. A cursor continues the sort it was made for only.',
  })
  @OptionalQueryParam()
  @IsIn(FLAG_SORTS, { message: `$property must be one of ${FLAG_SORTS.join(', ')}` })
  sort?: FlagSort;
}

/** A note an analyst adds to a flag; kept with who wrote it and when. */
export class FlagNoteDto {
  @ApiProperty({ example: 'Called the clinic: the second claim was a resubmission.', maxLength: 2000 })
  @IsString({ message: '$property must be a string' })
  @MinLength(1, { message: '$property must not be empty' })
  @MaxLength(2000)
  @Matches(/\S/, { message: '$property must not be blank' })
  note: string;
}

/** The one decision on a flag: confirm (the claim is denied FRAUD_CONFIRMED) or dismiss (its review goes on). */
export class FlagDecisionDto extends FlagNoteDto {
  @ApiProperty({ enum: FLAG_DECISIONS, example: 'dismiss' })
  @IsIn(FLAG_DECISIONS, { message: `$property must be one of ${FLAG_DECISIONS.join(', ')}` })
  decision: FlagDecision;
}
