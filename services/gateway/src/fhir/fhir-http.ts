import { ProblemException } from '../http/problem.exception.js';
import type { FhirRefusal } from './mapping/operation-outcome.js';

/** FHIR's JSON media type (FHIR R4, http.html#mime-type): what `/fhir/R4` takes and answers. */
export const FHIR_JSON = 'application/fhir+json';

/** The routes of the FHIR facade: their errors are OperationOutcome, not problem+json. */
export const isFhirPath = (url: string): boolean => url === '/fhir/R4' || url.startsWith('/fhir/R4/');

/**
 * A refusal of the mapping as the gateway's problem, each issue a field named by its FHIR element;
 * the problem filter writes it as an OperationOutcome on FHIR routes.
 */
export function refusalProblem(refusal: FhirRefusal): ProblemException {
  const errors = refusal.issues.map((issue) => ({ field: issue.expression, message: issue.message }));
  const detail = refusal.issues.map((issue) => `${issue.expression} ${issue.message}`).join('; ');
  return ProblemException.of(refusal.status === 422 ? 'unprocessable-content' : 'validation', detail, { errors });
}
