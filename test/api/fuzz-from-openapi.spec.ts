import fc from 'fast-check';
import { startPlatform, type Platform } from '../e2e/support/platform.js';
import { DEV_JWT_SECRET, signDevelopmentToken, type DevelopmentTokenClaims } from '#libs/auth';
import { UNTHROTTLED } from '#libs/testing';
import { changedTables, snapshotDatabases } from './support/database-snapshot.js';
import { badRequestsFor, type BadRequest } from './support/fuzz/bad-requests.js';
import { operationsOf } from './support/fuzz/openapi-operations.js';
import { sendAll } from './support/fuzz/send-all.js';
import { rolesOf, type Role } from './support/operation-roles.js';

/** At least this many bad inputs per run (issue 13). */
const BAD_INPUTS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261306);

/**
 * Whether a 400's problem names `field`, a field inside it, or the list or object that holds it
 * (`diagnosisCodes` for a bad `diagnosisCodes[0]`), when the request has one to blame.
 */
function names(text: string, field: string | undefined, status: number): boolean {
  if (field === undefined || status !== 400) return true;
  const errors = (JSON.parse(text) as { errors?: { field: string }[] }).errors ?? [];
  const within = (inner: string, outer: string) =>
    inner === outer || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`);
  return errors.some((error) => within(error.field, field) || within(field, error.field));
}

/** A caller of each role within the demo organisations `npm start` seeds (INS-1, P-1, M-1). */
const CALLERS: Record<Role, DevelopmentTokenClaims> = {
  admin: { role: 'admin' },
  insurer: { role: 'insurer', org: 'INS-1' },
  clinic: { role: 'clinic', org: 'P-1' },
  analyst: { role: 'analyst', org: 'INS-1', sub: 'analyst-fuzz' },
  patient: { role: 'patient', patient: 'M-1' },
};

/**
 * Bad input generated from the OpenAPI document (issue 13): for every operation, requests with one
 * thing wrong (a field's type, range, length, pattern, characters, nesting; a missing or unknown
 * field; a malformed id, cursor or limit; the wrong content type), each sent by a caller whose role
 * may call the operation. Each must be a 4xx problem (never 2xx, 5xx or 429), and no service may
 * store anything. Deterministic; FUZZ_SEED picks another run, FUZZ_RUNS another size, and
 * FUZZ_DUMP=<file> writes every request with its answer there.
 */
describe(`bad input generated from the OpenAPI document (FUZZ_SEED=${SEED})`, () => {
  let platform: Platform;
  let document: unknown;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    // No anchoring round during the run: it would change the bridge's and the gateway's rows on its own.
    platform = await startPlatform('fuzz', { ...UNTHROTTLED, AUDIT_ANCHOR_INTERVAL_SECONDS: '0' });
    document = await (await fetch(`${platform.gatewayUrl}/openapi.json`)).json();
    for (const [role, claims] of Object.entries(CALLERS))
      tokens.set(role, await signDevelopmentToken(claims, DEV_JWT_SECRET, 3600));
  }, 240_000);
  afterAll(() => platform?.stop());

  it('refuses every one with a 4xx problem and stores nothing', async () => {
    const operations = operationsOf(document);
    const generators = operations.flatMap((operation) => {
      const arbitrary = badRequestsFor(operation);
      return arbitrary ? [arbitrary] : [];
    });
    const requests: BadRequest[] = fc.sample(fc.oneof(...generators), { seed: SEED, numRuns: BAD_INPUTS });
    const before = await snapshotDatabases(platform.databaseUrls);

    const started = performance.now();
    const answers = await sendAll(platform.gatewayUrl, requests, (operation) => tokens.get(rolesOf(operation)[0])!);
    const seconds = (performance.now() - started) / 1000;

    const wrong = requests.flatMap((request, index) => {
      const { status, contentType, text } = answers[index];
      const refused = request.statuses.includes(status) && contentType.startsWith('application/problem+json');
      return refused && names(text, request.field, status)
        ? []
        : [
            `${request.method} ${request.url.slice(0, 120)} (${request.reason}) → ${status} ${contentType} ${text.slice(0, 200)}`,
          ];
    });
    const changed = changedTables(before, await snapshotDatabases(platform.databaseUrls));
    const covered = new Set(requests.map((request) => request.operation));
    const tally = new Map<string, number>();
    answers.forEach(({ status, text }) => {
      const type = /"type":"urn:problem:healthclaims:([a-z-]+)"/.exec(text)?.[1] ?? '?';
      tally.set(`${status} ${type}`, (tally.get(`${status} ${type}`) ?? 0) + 1);
    });
    if (process.env.FUZZ_DUMP)
      (await import('node:fs')).writeFileSync(
        process.env.FUZZ_DUMP,
        requests
          .map(
            (r, i) =>
              `${answers[i].status} ${r.operation} | ${r.reason.slice(0, 100)} | ${answers[i].text.slice(0, 160)}`,
          )
          .join('\n'),
      );
    console.log([...tally].sort().join('\n'), Object.keys(before).length);
    console.log(
      `fuzz: ${requests.length} bad inputs over ${covered.size} operations in ${seconds.toFixed(1)} s (seed ${SEED})`,
    );

    expect(requests.length).toBeGreaterThanOrEqual(10_000);
    expect({ seed: SEED, wrong: wrong.slice(0, 40), count: wrong.length }).toEqual({ seed: SEED, wrong: [], count: 0 });
    expect({ seed: SEED, changed }).toEqual({ seed: SEED, changed: [] });
    expect(
      operations.filter((operation) => !covered.has(operation.key) && badRequestsFor(operation)).map((o) => o.key),
    ).toEqual([]);
  }, 600_000);
});
