import { startGateway, type GatewayHarness } from './support/gateway-harness.js';
import { request } from './support/http-client.js';

type Json = Record<string, unknown>;
const JSON_SCHEMA_TYPES = ['null', 'boolean', 'object', 'array', 'number', 'string', 'integer'];

/** Every value in the document, with its path, for checks that apply everywhere. */
function* walk(value: unknown, path = '#'): Generator<[string, Json]> {
  if (Array.isArray(value)) for (const [index, item] of value.entries()) yield* walk(item, `${path}/${index}`);
  else if (value && typeof value === 'object') {
    yield [path, value as Json];
    for (const [key, item] of Object.entries(value)) yield* walk(item, `${path}/${key}`);
  }
}

function resolve(document: Json, ref: string): unknown {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>(
      (node, key) => (node as Json | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')],
      document,
    );
}

describe('gateway OpenAPI document', () => {
  let gateway: GatewayHarness;
  let document: Json;

  beforeAll(async () => {
    gateway = await startGateway();
    document = (await request<Json>('GET', `${gateway.url}/openapi.json`)).body;
  });
  afterAll(() => gateway.stop());

  it('is OpenAPI 3.1 and describes every claim endpoint', () => {
    expect(document.openapi).toBe('3.1.0');
    const paths = document.paths as Record<string, Json>;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining(['/v1/claims', '/v1/claims/{id}', '/v1/claims/{id}/timeline']),
    );
    expect(Object.keys(paths['/v1/claims']).sort()).toEqual(['get', 'post']);
  });

  it('describes every set-up endpoint, each body with an example and each bad input with its problem', () => {
    const paths = document.paths as Record<string, Record<string, Json>>;
    const operations = [
      ['/v1/insurers', 'post', '201', ['400', '409']],
      ['/v1/plans', 'post', '201', ['400', '409']],
      ['/v1/members', 'post', '201', ['400', '409']],
      ['/v1/members/{id}', 'patch', '200', ['400', '404']],
      ['/v1/members/{id}/eligibility', 'get', '200', ['400', '404']],
      ['/v1/quotes', 'post', '200', ['400', '404']],
    ] as const;
    for (const [path, method, success, problems] of operations) {
      const operation = paths[path]?.[method];
      expect({ path, method, described: operation !== undefined }).toEqual({ path, method, described: true });
      expect(Object.keys(operation.responses as Json)).toEqual(expect.arrayContaining([success, ...problems]));
      if (method === 'get') continue;
      const examples = ((operation.requestBody as Json).content as Record<string, Json>)['application/json'].examples;
      expect({ path, examples: Object.keys(examples as Json).length > 0 }).toEqual({ path, examples: true });
    }
    const eligibility = paths['/v1/members/{id}/eligibility'].get;
    expect(eligibility.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'date', in: 'query', required: false })]),
    );
    const schemas = (document.components as { schemas: Record<string, Json> }).schemas;
    expect((schemas.CreatePlanDto.properties as Record<string, Json>).copays).toMatchObject({
      type: 'object',
      additionalProperties: { type: 'integer', minimum: 0 },
    });
    expect((schemas.EligibilityResponse.properties as Record<string, Json>).accumulators).toEqual({
      $ref: '#/components/schemas/AccumulatorsResponse',
    });
  });

  it('declares bearer auth and the problem+json errors on every API operation', () => {
    expect((document.components as Json).securitySchemes).toMatchObject({ bearer: { type: 'http', scheme: 'bearer' } });
    for (const [path, operations] of Object.entries(document.paths as Record<string, Record<string, Json>>)) {
      if (!path.startsWith('/v1/')) continue;
      for (const [method, operation] of Object.entries(operations)) {
        expect({ path, method, security: operation.security }).toEqual({ path, method, security: [{ bearer: [] }] });
        const responses = operation.responses as Record<string, Json>;
        expect(Object.keys(responses)).toEqual(expect.arrayContaining(['401', '403', '503']));
        expect(responses['401'].content).toHaveProperty(
          ['application/problem+json', 'schema', '$ref'],
          '#/components/schemas/ProblemSchema',
        );
        const success = Object.keys(responses).find((status) => status.startsWith('2'));
        expect({ path, method, success }).toEqual({ path, method, success: expect.any(String) });
      }
    }
  });

  it('gives the claim submission an example and documents Idempotency-Key', () => {
    const post = (document.paths as Record<string, Record<string, Json>>)['/v1/claims'].post;
    const body = (post.requestBody as Json).content as Record<string, Json>;
    expect(body['application/json'].examples).toHaveProperty(['officeVisit', 'value', 'lines', 0, 'code'], '99213');
    expect(post.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })]),
    );
  });

  it('uses only 3.1 schema forms and resolvable references', () => {
    for (const [path, node] of walk(document)) {
      expect({ path, nullable: 'nullable' in node }).toEqual({ path, nullable: false });
      if (typeof node.$ref === 'string')
        expect({ path, target: resolve(document, node.$ref) !== undefined }).toEqual({ path, target: true });
      if (path.includes('/schemas/') || path.endsWith('/schema')) {
        const types = node.type === undefined ? [] : [node.type].flat();
        for (const type of types) if (typeof type === 'string') expect(JSON_SCHEMA_TYPES).toContain(type);
      }
    }
    const claim = (document.components as { schemas: Record<string, Json> }).schemas.ClaimResponse;
    expect((claim.properties as Record<string, Json>).currency.type).toEqual(['string', 'null']);
  });
});
