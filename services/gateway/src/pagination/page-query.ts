import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { OptionalQueryParam } from '../validation/id-pattern.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/**
 * `?limit=&cursor=` (API.md, Lists). A query string carries text, so `limit` is converted here, and
 * only when it is all digits: "12abc" or "1e3" stay text and are refused.
 */
export class PageQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @OptionalQueryParam()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : value,
  )
  @IsInt({ message: '$property must be an integer' })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page, as it was returned' })
  @OptionalQueryParam()
  @Matches(/^[\x21-\x7e]{1,512}$/, { message: '$property must be a cursor returned by a previous page' })
  cursor?: string;
}
