import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, problemOf, type Problem, type ProblemKind } from '../http/problem.js';

export class FieldErrorSchema {
  @ApiProperty({ example: 'lines[0].charge' }) field: string;
  @ApiProperty({ example: 'charge must be a non-negative integer amount in minor units (e.g. cents)' }) message: string;
}

/** RFC 9457 problem details, as every error of the API is sent. */
export class ProblemSchema {
  @ApiProperty({ description: 'URN naming the kind of problem', example: 'urn:problem:healthclaims:validation' })
  type: string;
  @ApiProperty({ example: 'Invalid request' }) title: string;
  @ApiProperty({ type: 'integer', example: 400 }) status: number;
  @ApiProperty({ example: '1 field is invalid' }) detail: string;
  @ApiPropertyOptional({ type: [FieldErrorSchema], description: 'Validation problems only' })
  errors?: FieldErrorSchema[];
  @ApiPropertyOptional({ description: 'The x-request-id of the response' }) requestId?: string;
}

const DESCRIPTIONS: Partial<Record<ProblemKind, string>> = {
  validation:
    'Malformed JSON, unknown fields, wrong types, negative or fractional money, impossible dates, malformed codes',
  unauthorized: 'Missing, invalid or expired bearer token',
  forbidden: 'The caller’s role may never call this endpoint',
  'not-found': 'No such resource, or it belongs to someone else',
  conflict: 'The id is already taken, or the request contradicts what is stored (e.g. overlapping coverage)',
  'idempotency-key-reused': 'The Idempotency-Key was used with another body, or its first request is still in progress',
  'payload-too-large': 'The body exceeds 1 MiB',
  'unsupported-media-type': 'The body is not application/json',
  'service-unavailable':
    'A dependency is unavailable or the owning service did not answer in time; retry after Retry-After seconds',
  'review-backlog-full':
    'Too many claims are waiting for review (type …:review-backlog-full; nothing was stored), or the caller’s ' +
    'rate limit was reached (type …:too-many-requests); retry after Retry-After seconds',
};

/** Response headers a kind of problem comes with. */
const HEADERS: Partial<Record<ProblemKind, Record<string, { description: string; schema: { type: 'integer' } }>>> = {
  'review-backlog-full': {
    'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' } },
  },
};

const EXAMPLE_DETAIL: Partial<Record<ProblemKind, Problem>> = {
  validation: problemOf('validation', '1 field is invalid', [
    { field: 'lines[0].charge', message: 'charge must be a non-negative integer amount in minor units (e.g. cents)' },
  ]),
  'review-backlog-full': problemOf(
    'review-backlog-full',
    '100 claims are waiting for review, the most this platform takes on at once; nothing was stored, retry after 1 s',
  ),
};

/** Documents the problem+json answers an endpoint can give, one per kind. */
export function ApiProblems(...kinds: ProblemKind[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemSchema, FieldErrorSchema),
    ...kinds.map((kind) => {
      const example = EXAMPLE_DETAIL[kind] ?? problemOf(kind, DESCRIPTIONS[kind] ?? kind);
      return ApiResponse({
        status: example.status,
        description: DESCRIPTIONS[kind] ?? example.title,
        ...(HEADERS[kind] ? { headers: HEADERS[kind] } : {}),
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemSchema) }, example } },
      });
    }),
  );
}
