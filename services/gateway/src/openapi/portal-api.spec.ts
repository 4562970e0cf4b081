import { readFileSync } from 'node:fs';
import { portalApiFiles, portalApiPaths } from './portal-api.js';

describe('the portal’s copy of the API (apps/portal/src/api/generated)', () => {
  it('is what the gateway produces now: run `npm run portal:api` and commit after an API change', async () => {
    const expected = await portalApiFiles();
    const paths = portalApiPaths();
    // Compared as text, then with a message saying what to do: a diff of 100 kB would bury it.
    const documentMatches = readFileSync(paths.document, 'utf8') === expected.document;
    const schemaMatches = readFileSync(paths.schema, 'utf8') === expected.schema;
    expect({ documentMatches, schemaMatches, fix: 'npm run portal:api' }).toEqual({
      documentMatches: true,
      schemaMatches: true,
      fix: 'npm run portal:api',
    });
  });
});
