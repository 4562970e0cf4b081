import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot, testNamespace } from '#libs/testing';
import { printedWalkthrough, WALKTHROUGH } from '../stack/walkthrough.js';
import { cleanUpStack, isolatedStackEnv, startStack, type StackRun } from './stack-harness.js';

const run = promisify(execFile);
const FIRST_STEP = 'The four journeys: paste these in order';

/** What a newcomer pastes: the printed `export` lines, then the walkthrough's commands, as printed. */
function pastedCommands(output: string): { exports: string[]; walkthrough: string[] } {
  const lines = output.split('\n');
  const start = lines.findIndex((line) => line.startsWith(FIRST_STEP));
  const end = lines.findIndex((line, index) => index > start && line.startsWith('Ctrl-C stops everything'));
  if (start < 0 || end < 0) throw new Error(`npm start printed no walkthrough:\n${output}`);
  return {
    exports: lines.filter((line) => /^ {2}export [A-Z_]+=\S+$/.test(line)).map((line) => line.trim()),
    walkthrough: lines.slice(start + 1, end).filter((line) => line.trim() !== ''),
  };
}

type Json = Record<string, unknown>;

describe('the walkthrough npm start prints (README, "The four journeys")', () => {
  const namespace = testNamespace('walk');
  let stack: StackRun | undefined;

  afterAll(() => cleanUpStack(stack, namespace));

  it('is the one the README shows', () => {
    const readme = readFileSync(join(repoRoot(), 'README.md'), 'utf8');
    expect(readme).toContain(`\`\`\`sh\n${WALKTHROUGH}\n\`\`\``);
  });

  it('runs as printed, pasted in order into bash, and each journey ends as its words say', async () => {
    stack = await startStack(await isolatedStackEnv(namespace));
    const { exports, walkthrough } = pastedCommands(stack.output());
    expect(walkthrough).toEqual(printedWalkthrough());
    expect(exports.map((line) => line.split('=')[0])).toEqual(
      expect.arrayContaining(['export ADMIN', 'export INSURER', 'export CLINIC', 'export ANALYST', 'export PATIENT']),
    );

    const commands = walkthrough.filter((line) => line.startsWith('  ')).map((line) => line.slice(2));
    const script = ['set -euo pipefail', ...exports, ...commands].join('\n');
    const { stdout } = await run('bash', ['-c', script], { cwd: repoRoot(), timeout: 240_000 });
    const [
      estimate,
      paid,
      timeline,
      paidList,
      escrow,
      closed,
      held,
      flag,
      decision,
      fraudDenied,
      patientClaims,
      revoked,
      consentDenied,
    ] = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Json | Json[]);

    // Clinic: the estimate's amounts (fee 95.00, copay 25.00), then the claim approved with the same, and paid.
    expect(estimate).toMatchObject({ totals: { charge: 15000, allowed: 9500, planPays: 7000, patientPays: 2500 } });
    expect(paid).toMatchObject({ status: 'paid', totals: { allowed: 9500, planPays: 7000, patientPays: 2500 } });
    expect((paid as Json).payout).toMatchObject({
      status: 'confirmed',
      txHash: expect.stringMatching(/^0x[0-9a-f]{64}$/),
    });
    expect((timeline as Json[]).map((entry) => entry.status)).toEqual(['received', 'in_review', 'approved', 'paid']);
    // Insurer: the paid claim in its list, and the escrow 70.00 HCET below the demo's 1,000,000.
    expect(paidList).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: (paid as Json).id, planPays: 7000 })]),
    );
    expect(escrow).toMatchObject({
      insurerId: 'INS-1',
      balanceInTokens: '999930.00',
      balance: '999930000000000000000000',
    });
    // Analyst: the first ECG closed (within the deductible), the second held as a duplicate, confirmed, denied.
    expect(closed).toMatchObject({ status: 'closed', totals: { planPays: 0 } });
    expect(held).toMatchObject({ status: 'pending_review' });
    expect(flag).toMatchObject({
      held: true,
      status: 'open',
      score: 100,
      rules: [
        expect.objectContaining({ code: 'DUPLICATE_CLAIM' }),
        expect.objectContaining({ code: 'NEAR_DUPLICATE' }),
      ],
    });
    expect(decision).toEqual({ status: 'confirmed' });
    expect(fraudDenied).toMatchObject({ id: (held as Json).id, status: 'denied', denialReason: 'FRAUD_CONFIRMED' });
    // Patient: their claims (the paid one among them), the revoke, then a claim denied for want of consent.
    expect(patientClaims).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: (paid as Json).id, status: 'paid' })]),
    );
    expect(revoked).toMatchObject({ status: expect.stringMatching(/^(pending|revoked)$/) });
    expect(consentDenied).toMatchObject({ status: 'denied', denialReason: 'CONSENT_MISSING' });
  }, 420_000);
});
