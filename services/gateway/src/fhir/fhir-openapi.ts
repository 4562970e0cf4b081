import { applyDecorators } from '@nestjs/common';
import { ApiResponse, type SchemaObject } from '@nestjs/swagger';
import { FHIR_JSON } from './fhir-http.js';

/**
 * OpenAPI descriptions of the FHIR facade's bodies. FHIR resources are described by the FHIR R4
 * specification, not restated here: the schema says "a FHIR resource of this type" and links it.
 */
export const FHIR_RESOURCE_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'A FHIR R4 resource in JSON (https://hl7.org/fhir/R4/json.html)',
  required: ['resourceType'],
  properties: { resourceType: { type: 'string' } },
  additionalProperties: true,
};

export const FHIR_BUNDLE_SCHEMA: SchemaObject = {
  ...FHIR_RESOURCE_SCHEMA,
  description: 'A FHIR R4 Bundle (https://hl7.org/fhir/R4/bundle.html)',
  properties: {
    resourceType: { type: 'string', enum: ['Bundle'] },
    type: { type: 'string' },
    entry: { type: 'array', items: { type: 'object' } },
  },
};

const OPERATION_OUTCOME_SCHEMA: SchemaObject = {
  ...FHIR_RESOURCE_SCHEMA,
  description: 'A FHIR R4 OperationOutcome: each issue names the element in `expression`',
  properties: {
    resourceType: { type: 'string', enum: ['OperationOutcome'] },
    issue: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          severity: { type: 'string' },
          code: { type: 'string' },
          diagnostics: { type: 'string' },
          expression: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
};

const FHIR_ERRORS = {
  400: {
    description: 'A malformed GFE (wrong Bundle type, no items, not a CPT code, bad NPI check digit, bad money)',
    example: outcome('invalid', 'Claim.item', 'must list at least one planned service'),
  },
  401: {
    description: 'No or an invalid bearer token',
    example: outcome('login', undefined, 'a bearer token is required'),
  },
  403: {
    description: 'A role that may not call this',
    example: outcome('forbidden', undefined, 'role patient may not call this endpoint'),
  },
  404: {
    description: 'No such resource, or one that belongs to someone else',
    example: outcome('not-found', undefined, 'no such claim'),
  },
  409: {
    description: 'Idempotency-Key reused with another body',
    example: outcome('conflict', undefined, 'the key was used for another request'),
  },
  413: { description: 'Body over 1 MiB', example: outcome('too-costly', undefined, 'the body is too large') },
  415: { description: 'Not JSON', example: outcome('invalid', undefined, 'unsupported media type') },
  422: {
    description: 'A well-formed GFE naming what the platform does not know: member, provider NPI, CPT code, currency',
    example: outcome('business-rule', 'Claim.item[0].productOrService', 'ZZ999 is not a known CPT code'),
  },
  429: {
    description:
      'Too many requests from this caller, or (POST Claim) too many claims waiting for review; nothing was stored. Retry-After says when to retry',
    example: outcome('throttled', undefined, 'too many claims are waiting for review; retry after 1 s'),
  },
  503: {
    description: 'A service or the bus is down; Retry-After says when to retry',
    example: outcome('transient', undefined, 'service unavailable'),
  },
} satisfies Record<number, { description: string; example: unknown }>;

function outcome(code: string, expression: string | undefined, message: string) {
  return {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity: 'error',
        code,
        diagnostics: expression ? `${expression} ${message}` : message,
        ...(expression ? { expression: [expression] } : {}),
      },
    ],
  };
}

/** The facade's error answers, as OperationOutcome in `application/fhir+json`. */
export function ApiFhirErrors(...statuses: (keyof typeof FHIR_ERRORS)[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: FHIR_ERRORS[status].description,
        content: { [FHIR_JSON]: { schema: OPERATION_OUTCOME_SCHEMA, example: FHIR_ERRORS[status].example } },
      }),
    ),
  );
}

/** A Da Vinci PCT professional GFE (the IG's MRI example, its provider with the IG's current NPI). */
export const GFE_BUNDLE_EXAMPLE = {
  resourceType: 'Bundle',
  type: 'collection',
  entry: [
    {
      fullUrl: 'http://example.org/fhir/Claim/PCT-GFE-Professional-MRI',
      resource: {
        resourceType: 'Claim',
        id: 'PCT-GFE-Professional-MRI',
        status: 'active',
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claim-type', code: 'professional' }] },
        use: 'predetermination',
        patient: { reference: 'Patient/patient1001' },
        created: '2026-12-01',
        provider: { reference: 'Practitioner/prac002' },
        priority: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/processpriority', code: 'normal' }] },
        insurance: [{ sequence: 1, focal: true, coverage: { reference: 'Coverage/coverage1001' } }],
        item: [
          {
            sequence: 1,
            productOrService: { coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '70551' }] },
            servicedDate: '2026-12-14',
            quantity: { value: 1 },
            net: { value: 200.0, currency: 'USD' },
          },
        ],
      },
    },
    {
      fullUrl: 'http://example.org/fhir/Patient/patient1001',
      resource: { resourceType: 'Patient', id: 'patient1001' },
    },
    {
      fullUrl: 'http://example.org/fhir/Coverage/coverage1001',
      resource: {
        resourceType: 'Coverage',
        id: 'coverage1001',
        status: 'active',
        subscriberId: 'M-1',
        beneficiary: { reference: 'Patient/patient1001' },
        payor: [{ reference: 'Organization/org1001' }],
      },
    },
    {
      fullUrl: 'http://example.org/fhir/Practitioner/prac002',
      resource: {
        resourceType: 'Practitioner',
        id: 'prac002',
        identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '9941339100' }],
      },
    },
  ],
};
