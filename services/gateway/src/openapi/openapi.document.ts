import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { toOpenApi31 } from './openapi-31.js';

const DESCRIPTION = `The public HTTP API of the health-claims platform (v1).

Authenticate with \`Authorization: Bearer <JWT>\` (development: \`npm run token -- --role clinic --org P-1\`).
Every error is \`application/problem+json\` (RFC 9457). Money is an integer in the currency's minor unit;
dates are \`YYYY-MM-DD\`. Lists take \`?limit=\` (default 50, max 500) and \`?cursor=\` and answer
\`{items, nextCursor}\`. Every response carries \`x-request-id\` and \`traceparent\`.`;

/** The OpenAPI 3.1 document of every controller, served at /openapi.json and browsable at /docs. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Health claims API')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addTag('set-up', 'Insurers, plans, members and their eligibility, premium quotes')
    .addTag('claims', 'Submit claims and follow them through review and payment')
    .addTag('operations', 'For the platform’s admins: dead letters, listed and replayed')
    .build();
  return toOpenApi31(SwaggerModule.createDocument(app, config));
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
