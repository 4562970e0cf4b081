import { RpcPatterns, Subjects, type CheckRequested, type SubmitClaimResult } from '#libs/contracts';
import { PhiReencryption } from '#libs/phi';
import { waitFor } from '#libs/testing';
import { DeadlineScanner } from '../src/deadlines/deadline-scanner.js';
import { aClaim, clinicP1 } from './support/claim-builders.js';
import { ClaimsTestBed } from './support/claims-test-bed.js';

const SEALED = /^phi1:dk[0-9a-f]{12}:[A-Za-z0-9_-]+$/;

describe("claims' diagnosis codes at rest, read straight from the database", () => {
  let bed: ClaimsTestBed;

  beforeAll(async () => {
    // Nothing answers the checks and the scanner runs only when a test says so.
    bed = await ClaimsTestBed.open('cphi', { CLAIMS_DEADLINE_SCAN_MS: '3600000', PHI_REENCRYPT_INTERVAL_SECONDS: '0' });
  });
  afterAll(async () => {
    await bed?.close();
  });

  const storedCodes = async (id: string): Promise<string> =>
    (await bed.dataSource.query(`SELECT diagnosis_codes FROM claims WHERE id = $1`, [id]))[0].diagnosis_codes;

  async function submit(diagnosisCodes: string[]): Promise<string> {
    const reply = await bed.call<SubmitClaimResult>(RpcPatterns.submitClaim, clinicP1, aClaim({ diagnosisCodes }));
    if (!reply.ok) throw new Error(`submit failed: ${reply.error.detail}`);
    return reply.value.id;
  }

  /** The saga's re-ask carries the claim as submitted: the service opened the codes to build it. */
  async function codesOfReask(id: string): Promise<string[]> {
    await bed.app.get(DeadlineScanner).scanOnce(new Date(Date.now() + 3600_000));
    const reask = await waitFor(
      () =>
        bed
          .eventsOf<CheckRequested>(Subjects.checkRequested, id)
          .map((message) => message.envelope.data)
          .find((request) => request.attempt === 2),
      { what: 'the re-ask of a check' },
    );
    return reask.claim.diagnosisCodes;
  }

  it('holds no plaintext diagnosis code, and the saga reads the codes back', async () => {
    const id = await submit(['E11.9', 'Z79.4']);
    const stored = await storedCodes(id);
    expect(stored).toMatch(SEALED);
    expect(stored).not.toMatch(/E11|Z79/);
    const [row] = await bed.dataSource.query(`SELECT c::text AS everything FROM claims c WHERE id = $1`, [id]);
    expect(row.everything).not.toMatch(/E11|Z79/);
    expect(await codesOfReask(id)).toEqual(['E11.9', 'Z79.4']);
  });

  it('seals codes stored in plaintext before encryption in the background pass, and still reads them', async () => {
    const id = await submit(['J06.9']);
    // As the migration leaves a claim stored before encryption: its codes as plaintext JSON text.
    await bed.dataSource.query(`UPDATE claims SET diagnosis_codes = '["J45.909","R05.9"]' WHERE id = $1`, [id]);

    // The pass skips rows locked at that moment (SKIP LOCKED), and the saga is still starting this claim's
    // review: passes run until the row is sealed, and exactly one value moves over all of them.
    let moved = 0;
    await waitFor(
      async () => {
        const counts = await bed.app.get(PhiReencryption).runOnce();
        expect(counts['outbox.envelope']).toBe(0);
        moved += counts['claims.diagnosis_codes'];
        return SEALED.test(await storedCodes(id));
      },
      { what: 'the plaintext codes sealed by a background pass' },
    );
    expect(moved).toBe(1);
    const stored = await storedCodes(id);
    expect(stored).toMatch(SEALED);
    expect(stored).not.toMatch(/J45|R05/);
    expect(await codesOfReask(id)).toEqual(['J45.909', 'R05.9']);
    expect(await bed.app.get(PhiReencryption).runOnce()).toEqual({ 'outbox.envelope': 0, 'claims.diagnosis_codes': 0 });
  });
});
