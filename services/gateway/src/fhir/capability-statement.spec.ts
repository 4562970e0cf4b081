import { buildStandaloneOpenApiDocument } from '../openapi/portal-api.js';
import { capabilityStatement, servedRoutes } from './mapping/capability-statement.js';

describe('the CapabilityStatement', () => {
  it('lists exactly the FHIR routes the gateway serves', async () => {
    const document = await buildStandaloneOpenApiDocument();
    const served = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/fhir/R4/') && path !== '/fhir/R4/metadata')
      .flatMap(([path, item]) =>
        (['get', 'post', 'put', 'patch', 'delete'] as const)
          .filter((method) => item[method])
          .map((method) => `${method.toUpperCase()} ${path.slice('/fhir/R4'.length)}`),
      );
    expect(servedRoutes().sort()).toEqual(served.sort());
    expect(
      capabilityStatement('2026-12-06T00:00:00.000Z').rest?.[0]?.resource?.map((resource) => resource.type),
    ).toEqual(['Patient', 'CoverageEligibilityRequest', 'Coverage', 'Claim', 'ClaimResponse', 'ExplanationOfBenefit']);
  });
});
