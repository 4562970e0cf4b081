import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { OPS_SECURITY_SCHEME } from '#libs/observability';
import { toOpenApi31 } from './openapi-31.js';

const DESCRIPTION = `The public HTTP API of the health-claims platform (v1).

Authenticate with \`Authorization: Bearer <JWT>\` (development: \`npm run token -- --role clinic --org P-1\`).
Every error is \`application/problem+json\` (RFC 9457). Money is an integer in the currency's minor unit;
dates are \`YYYY-MM-DD\`. Lists take \`?limit=\` (default 50, max 500) and \`?cursor=\` and answer
\`{items, nextCursor}\`. Every response carries \`x-request-id\` and \`traceparent\`.`;

/**
 * Every tag an operation uses, with what it groups, in the order of docs/api.md. A tag used but not
 * listed here fails the OpenAPI lint (openapi-lint.spec.ts).
 */
const TAGS: readonly [name: string, description: string][] = [
  ['set-up', 'Insurers, providers, plans, fee schedules, networks, exclusions, members and eligibility, quotes'],
  ['on chain', 'Anchor records and grant or revoke consents with the caller’s own signature; contracts and escrow'],
  ['reference data', 'Tables the platform prices and decides with, the same for every signed-in role'],
  ['estimates', 'Pre-treatment estimates: what a member would pay, priced like a claim, reserving nothing'],
  ['claims', 'Submit claims and follow them through review and payment'],
  ['fraud review', 'For the insurer’s analysts: flagged claims, taken, noted and decided'],
  ['audit', 'Who read or changed a member’s personal data'],
  [
    'fhir',
    'FHIR R4 for EHRs and payer tools (application/fhir+json): Da Vinci PCT good-faith estimates in, Advanced EOBs out',
  ],
  ['operations', 'For operators: liveness, readiness and metrics (ops token); for admins: dead letters, replayed'],
  ['portal', 'The web app’s own: how to sign in, and the demo sign-in of development set-ups'],
];

/** The OpenAPI 3.1 document of every controller, served at /openapi.json and browsable at /docs. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Health claims API')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
    // Relative: the gateway that serves this document. It knows no public URL of its own, and the document
    // is the same for every deployment (the portal's copy is generated without configuration).
    .addServer('/', 'The gateway serving this document')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addSecurity(OPS_SECURITY_SCHEME, {
      type: 'http',
      scheme: 'bearer',
      description: 'The deployment’s `OPS_TOKEN` (docs/decisions/0011-ops-endpoints.md), not a JWT',
    });
  for (const [name, description] of TAGS) builder.addTag(name, description);
  return toOpenApi31(SwaggerModule.createDocument(app, builder.build()));
}

export function serveOpenApi(app: INestApplication, { ui }: { ui: boolean }): void {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, {
    ui,
    jsonDocumentUrl: 'openapi.json',
    raw: ['json'],
    customSiteTitle: 'Health claims API',
  });
}
