import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { PROCEDURE_CATEGORY_PATTERN } from '#libs/contracts';
import { PageQuery } from '../pagination/page-query.js';
import { OptionalQueryParam } from '../validation/id-pattern.js';

/** `GET /v1/reference/procedures?q=&category=&limit=&cursor=`. */
export class ListProceduresQuery extends PageQuery {
  @ApiPropertyOptional({
    description: 'The start of a code or any part of a description, case-insensitive',
    example: 'colonoscopy',
    maxLength: 100,
  })
  @OptionalQueryParam()
  @IsString({ message: '$property must be a string' })
  @MaxLength(100, { message: '$property must be at most 100 characters' })
  @Matches(/\S/, { message: '$property must not be blank' })
  // The query parser keeps a value whose percent-encoding is not UTF-8 (a lone surrogate) as it came, escapes
  // and all: a search text never needs "%" and two hex digits, so such a value is the broken encoding.
  @Matches(/^(?![\s\S]*%[0-9A-Fa-f]{2})/, { message: '$property must be percent-encoded UTF-8 text' })
  q?: string;

  @ApiPropertyOptional({
    description: 'One category exactly',
    example: 'office_visit',
    pattern: PROCEDURE_CATEGORY_PATTERN.source,
  })
  @OptionalQueryParam()
  @Matches(PROCEDURE_CATEGORY_PATTERN, { message: '$property must be 1 to 64 letters, digits, "_" or "-"' })
  category?: string;
}
