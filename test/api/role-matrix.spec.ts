import { startPlatform, type Platform } from '../e2e/support/platform.js';
import { UNTHROTTLED } from '#libs/testing';
import { call, type ApiResponse } from './support/http.js';
import { operationsOf } from './support/fuzz/openapi-operations.js';
import { MATRIX, type Outcome } from './support/matrix/expected-outcomes.js';
import { seedMatrix, type MatrixResources } from './support/matrix/matrix-seed.js';
import { PRINCIPALS, tokensOf, type Principal } from './support/matrix/principals.js';
import { rolesOf } from './support/operation-roles.js';

type Expected = Outcome | 401 | 403;

/** The cell's expected outcome: 401 without a valid token, 403 for a role never allowed, else the table's. */
function expectedFor(operation: string, principal: Principal): Expected {
  const claims = PRINCIPALS[principal];
  if (!claims || principal === 'expiredToken') return 401;
  if (!rolesOf(operation).includes(claims.role)) return 403;
  const row = MATRIX[operation];
  const owns = row.owners === 'everyone' || row.owners.includes(principal);
  return owns ? (row.owned ?? 'ok') : (row.others ?? 'ok');
}

function matches(expected: Exclude<Expected, 'as-missing'>, status: number): boolean {
  if (expected === 'ok') return status >= 200 && status < 300;
  if (expected === 'through') return ![401, 403, 404, 429].includes(status) && status < 500;
  return status === expected;
}

/**
 * Every operation of the OpenAPI document × eleven principals (issue 13), against a whole platform
 * with two insurers: allowed → 2xx, a role never allowed → 403, another tenant's resource → the same
 * 404 a missing one gets, no or an expired token → 401. Lists show a resource to its owners only.
 */
describe('role × ownership matrix', () => {
  let platform: Platform;
  let tokens: Record<Principal, string | undefined>;
  let ids: MatrixResources;

  beforeAll(async () => {
    platform = await startPlatform('matrix', UNTHROTTLED);
    tokens = await tokensOf();
    ids = await seedMatrix(platform.gatewayUrl, {
      admin: tokens.admin!,
      otherInsurer: tokens.otherInsurer!,
      clinic: tokens.clinic!,
    });
  }, 240_000);
  afterAll(() => platform?.stop());

  it('answers every cell as the table says', async () => {
    const document: unknown = await (await fetch(`${platform.gatewayUrl}/openapi.json`)).json();
    const operations = operationsOf(document).map((operation) => operation.key);
    expect(operations.filter((operation) => !MATRIX[operation])).toEqual([]);

    const deviations: string[] = [];
    let cells = 0;
    for (const operation of operations) {
      const row = MATRIX[operation];
      const method = operation.split(' ')[0];
      for (const principal of Object.keys(PRINCIPALS) as Principal[]) {
        cells += 1;
        const path = row.path(ids);
        const response = await call(method, `${platform.gatewayUrl}${path}`, {
          token: tokens[principal],
          body: row.body?.(principal, cells),
        });
        const expected = expectedFor(operation, principal);
        if (expected === 'as-missing') {
          const missing = await call(method, `${platform.gatewayUrl}${path}`, {
            token: tokens[principal],
            body: row.missing!(principal, cells),
          });
          const answer = (r: ApiResponse) =>
            JSON.stringify([r.status, r.body.type, r.body.detail, r.body.errors, r.status >= 400 && r.status < 500]);
          if (answer(response) !== answer(missing) || response.status < 400) {
            deviations.push(
              `${operation} as ${principal}: ${answer(response)} but for a missing one ${answer(missing)}`,
            );
          }
        } else if (expected === 404 && row.missingPath && response.status === 404) {
          const missing = await call(method, `${platform.gatewayUrl}${row.missingPath}`, {
            token: tokens[principal],
            body: row.body?.(principal, cells),
          });
          const answer = (r: ApiResponse) => JSON.stringify([r.status, r.body.type, r.body.detail]);
          if (answer(response) !== answer(missing)) {
            deviations.push(
              `${operation} as ${principal}: ${answer(response)} but for a missing one ${answer(missing)}`,
            );
          }
        } else if (!matches(expected, response.status)) {
          deviations.push(
            `${operation} as ${principal}: expected ${expected}, got ${response.status} ${response.text.slice(0, 160)}`,
          );
        }
        const listed = row.lists ? response.text.includes(ids[row.lists]) : undefined;
        const owner = ['insurer', 'clinic', 'patient', 'analyst'].includes(principal);
        if (
          row.lists &&
          response.status === 200 &&
          listed !== owner &&
          !(principal === 'analyst' && row.lists === 'claimId')
        ) {
          deviations.push(`${operation} as ${principal}: ${ids[row.lists]} ${listed ? 'listed' : 'not listed'}`);
        }
      }
    }
    console.log(`role matrix: ${cells} cells, ${deviations.length} deviations`);
    expect(cells).toBeGreaterThanOrEqual(340);
    expect(deviations).toEqual([]);
  }, 300_000);
});
