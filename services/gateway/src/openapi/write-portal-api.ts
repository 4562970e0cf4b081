/**
 * `npm run portal:api`: writes the gateway's OpenAPI document and the portal's generated types
 * (apps/portal/src/api/generated). Commit both; `portal-api.spec.ts` fails while they differ from what the
 * gateway produces, so an API change breaks the portal's build (tsc), not its users.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { portalApiFiles, portalApiPaths } from './portal-api.js';

const files = await portalApiFiles();
const paths = portalApiPaths();
mkdirSync(dirname(paths.document), { recursive: true });
writeFileSync(paths.document, files.document);
writeFileSync(paths.schema, files.schema);
console.log(`wrote ${paths.document}\nwrote ${paths.schema}`);
process.exit(0);
