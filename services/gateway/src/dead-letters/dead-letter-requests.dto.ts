import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { isKnownSubjectPattern, parseTimestamp } from '#libs/messaging';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../pagination/page-query.js';
import { IsOptionalField, OptionalQueryParam } from '../validation/id-pattern.js';
import { fieldRule } from '../validation/validators.js';

/** Ids, limits and cursors arrive as text: converted only when all digits, so "1e3" or "12abc" are refused. */
const digitsToNumber = Transform(({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value,
);

const IsSubjectFilter = () =>
  fieldRule(
    'isSubjectFilter',
    '$property must be a subject of the platform (claims.claim.decided.v1) or a pattern that matches one (billing.>, *.payout.*.v1)',
    (value) => typeof value === 'string' && isKnownSubjectPattern(value),
  );

const IsTimestamp = () =>
  fieldRule(
    'isTimestamp',
    '$property must be an RFC 3339 timestamp such as 2026-03-14T08:00:00Z',
    (value) => typeof value === 'string' && parseTimestamp(value) !== null,
  );

const SUBJECT_DOC = {
  description: 'The subject the messages were consumed from, or a NATS pattern (`*` one token, `>` the rest)',
  example: 'claims.claim.decided.v1',
};
const SINCE_DOC = { format: 'date-time', description: 'Only letters dead-lettered at or after this time' };

/** `GET /v1/admin/dead-letters?subject=&since=&limit=&cursor=`. */
export class ListDeadLettersQuery {
  @ApiPropertyOptional(SUBJECT_DOC)
  @OptionalQueryParam()
  @IsSubjectFilter()
  subject?: string;

  @ApiPropertyOptional({ ...SINCE_DOC, example: '2026-03-14T08:00:00Z' })
  @OptionalQueryParam()
  @IsTimestamp()
  since?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @OptionalQueryParam()
  @digitsToNumber
  @IsInt({ message: '$property must be an integer' })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ type: 'string', description: 'The `nextCursor` of the previous page, as it was returned' })
  @OptionalQueryParam()
  @digitsToNumber
  @IsInt({ message: '$property must be a cursor returned by a previous page' })
  @Min(1, { message: '$property must be a cursor returned by a previous page' })
  cursor?: number;
}

/** The `{id}` of a dead letter: its sequence in the dead-letter stream. */
export class DeadLetterIdParams {
  @ApiProperty({ type: 'integer', minimum: 1, example: 12 })
  @digitsToNumber
  @IsInt({ message: '$property must be a positive integer (the id of a dead letter)' })
  @Min(1, { message: '$property must be a positive integer (the id of a dead letter)' })
  id: number;
}

/** `POST /v1/admin/dead-letters/replay`: which letters; `{}` replays them all. */
export class ReplayDeadLettersDto {
  @ApiPropertyOptional(SUBJECT_DOC)
  @IsOptionalField()
  @IsSubjectFilter()
  subject?: string;

  @ApiPropertyOptional({ ...SINCE_DOC, example: '2026-03-14T08:00:00Z' })
  @IsOptionalField()
  @IsTimestamp()
  since?: string;
}

export const EXAMPLE_REPLAY_FILTER = { subject: 'claims.claim.decided.v1', since: '2026-03-14T08:00:00Z' };
