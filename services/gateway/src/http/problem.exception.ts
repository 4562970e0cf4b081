import { HttpException } from '@nestjs/common';
import { problemOf, type FieldError, type Problem, type ProblemKind } from './problem.js';

/** An HTTP error whose body is already a problem; the filter sends it as it is. */
export class ProblemException extends HttpException {
  constructor(
    readonly problem: Problem,
    /** Extra response headers, e.g. `Retry-After`. */
    readonly headers: Record<string, string> = {},
  ) {
    super(problem, problem.status);
  }

  static of(
    kind: ProblemKind,
    detail: string,
    options: { errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    return new ProblemException(problemOf(kind, detail, options.errors), options.headers);
  }
}
