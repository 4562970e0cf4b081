import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';

/** One thing wrong with a FHIR request: the element (a FHIRPath such as `Claim.item[0].productOrService`) and why. */
export interface FhirIssue {
  expression: string;
  message: string;
  /** FHIR's issue type: `invalid` for a malformed element, `business-rule` for a well-formed one we cannot act on. */
  code?: OperationOutcomeIssue['code'];
}

/** What a refused FHIR request answers: 400 for what is malformed, 422 for what names something unknown. */
export interface FhirRefusal {
  status: 400 | 422;
  issues: FhirIssue[];
}

export const malformed = (expression: string, message: string): FhirRefusal => ({
  status: 400,
  issues: [{ expression, message, code: 'invalid' }],
});

export const unprocessable = (expression: string, message: string): FhirRefusal => ({
  status: 422,
  issues: [{ expression, message, code: 'business-rule' }],
});

export function isRefusal(value: unknown): value is FhirRefusal {
  return typeof value === 'object' && value !== null && 'issues' in value && 'status' in value;
}

export function operationOutcome(issues: readonly FhirIssue[]): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((issue) => ({
      severity: 'error',
      code: issue.code ?? 'invalid',
      diagnostics: `${issue.expression} ${issue.message}`,
      expression: [issue.expression],
    })),
  };
}

/** An OperationOutcome with one issue not tied to an element (401, 403, 404, 503, …). */
export function outcomeOf(code: OperationOutcomeIssue['code'], diagnostics: string): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] };
}

/** FHIR's issue type for an HTTP status the gateway answers (FHIR R4 IssueType). */
function issueCodeFor(status: number): OperationOutcomeIssue['code'] {
  if (status === 401) return 'login';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'too-costly';
  if (status === 422) return 'business-rule';
  if (status === 429) return 'throttled';
  if (status === 503 || status === 504) return 'transient';
  if (status >= 500) return 'exception';
  return 'invalid';
}

/**
 * The gateway's problem (RFC 9457) as FHIR says it under `/fhir/R4`: one issue per named field, the
 * field being the FHIR element (`Claim.item[0].productOrService`), else one issue with the detail.
 */
export function outcomeOfProblem(problem: {
  status: number;
  detail: string;
  errors?: readonly { field: string; message: string }[];
}): OperationOutcome {
  const code = issueCodeFor(problem.status);
  if (!problem.errors || problem.errors.length === 0) return outcomeOf(code, problem.detail);
  return operationOutcome(problem.errors.map((error) => ({ expression: error.field, message: error.message, code })));
}
