import type { components } from './generated/schema';

/** RFC 9457 problem details, as every error of the API comes (ProblemSchema in the OpenAPI document). */
export type Problem = components['schemas']['ProblemSchema'];

/** A failed call: the API's problem, or one made up for a network failure (status 0). */
export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiProblem';
  }

  get status(): number {
    return this.problem.status;
  }

  /** The messages about one field, e.g. `expiresAt` or `lines[0].charge`. */
  fieldErrors(field: string): string[] {
    return (this.problem.errors ?? []).filter((error) => error.field === field).map((error) => error.message);
  }
}

export function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.status === 'number' && typeof candidate.title === 'string';
}

/** Whatever went wrong, as a problem (a thrown TypeError from fetch is the network). */
export function toApiProblem(error: unknown, status = 0): ApiProblem {
  if (error instanceof ApiProblem) return error;
  if (isProblem(error)) return new ApiProblem(error);
  const detail = error instanceof Error ? error.message : 'the request failed';
  return new ApiProblem({ type: 'about:blank', title: status ? `HTTP ${status}` : 'Network error', status, detail });
}
