import type { CapabilityStatement, CapabilityStatementRestResource } from '@medplum/fhirtypes';
import { GFE_SUBMIT_DEFINITION } from './fhir-systems.js';

/**
 * What `/fhir/R4` serves, one entry per route: the CapabilityStatement is built from this list and
 * the controllers' routes are checked against it (capability-statement.spec.ts), so the statement
 * lists exactly what works.
 */
export const SERVED: readonly CapabilityStatementRestResource[] = [
  { type: 'Patient', interaction: [{ code: 'read' }] },
  {
    type: 'CoverageEligibilityRequest',
    operation: [
      { name: 'submit', definition: 'http://hl7.org/fhir/OperationDefinition/CoverageEligibilityRequest-submit' },
    ],
  },
  { type: 'Coverage', interaction: [{ code: 'read' }] },
  {
    type: 'Claim',
    interaction: [{ code: 'read' }, { code: 'create' }],
    operation: [{ name: 'gfe-submit', definition: GFE_SUBMIT_DEFINITION }],
  },
  { type: 'ClaimResponse', interaction: [{ code: 'read' }] },
  { type: 'ExplanationOfBenefit', interaction: [{ code: 'read' }] },
];

/** The routes (method and path under `/fhir/R4`) that `SERVED` stands for, besides `GET /metadata`. */
export function servedRoutes(served: readonly CapabilityStatementRestResource[] = SERVED): string[] {
  return served.flatMap((resource) => [
    ...(resource.interaction ?? []).map((interaction) =>
      interaction.code === 'read' ? `GET /${resource.type}/{id}` : `POST /${resource.type}`,
    ),
    ...(resource.operation ?? []).map((operation) => `POST /${resource.type}/$${operation.name}`),
  ]);
}

/** `date`: when this statement was last changed (the gateway's start). */
export function capabilityStatement(date: string): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date,
    kind: 'instance',
    software: { name: 'healthclaims gateway' },
    implementation: { description: 'Health claims platform: FHIR R4 facade over its own API' },
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [
      {
        mode: 'server',
        documentation: 'Same bearer tokens, roles and ownership as the REST API (API.md); errors are OperationOutcome.',
        security: {
          service: [
            { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'OAuth' }] },
          ],
          description: 'Authorization: Bearer <JWT>',
        },
        resource: SERVED.map((resource) => ({ ...resource })),
      },
    ],
  };
}
