/**
 * `npm run bench [-- <scenario>... --count N --concurrency C --warmup W]`: runs benchmark scenarios,
 * each on an isolated stack of its own, prints the figures with the machine they were measured on and
 * writes them to docs/benchmarks.md. Later scenarios (estimates, end to end) are files in scenarios/
 * added to the list below.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '#libs/testing';
import { describeMachine } from './lib/machine.js';
import { updateBenchmarksPage } from './lib/report.js';
import type { Scenario } from './lib/scenario.js';
import { claimIntake } from './scenarios/claim-intake.js';
import { endToEnd } from './scenarios/end-to-end.js';
import { estimates } from './scenarios/estimates.js';
import { payouts } from './scenarios/payouts.js';

const SCENARIOS: Scenario[] = [claimIntake, estimates, payouts, endToEnd];

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      count: { type: 'string', default: '2000' },
      concurrency: { type: 'string', default: '32' },
      warmup: { type: 'string', default: '200' },
    },
  });
  const options = {
    count: positiveInt('count', values.count),
    concurrency: positiveInt('concurrency', values.concurrency),
    warmup: positiveInt('warmup', values.warmup, 0),
  };
  const unknown = positionals.filter((name) => !SCENARIOS.some((scenario) => scenario.name === name));
  if (unknown.length) {
    throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`);
  }
  const chosen = positionals.length ? SCENARIOS.filter((s) => positionals.includes(s.name)) : SCENARIOS;
  const machine = describeMachine();
  const page = join(repoRoot(), 'docs', 'benchmarks.md');
  for (const scenario of chosen) {
    console.log(`\n${scenario.title}\n`);
    const result = await scenario.run(options, machine);
    console.log(result.text);
    await updateBenchmarksPage(page, scenario.name, result.markdown);
  }
  console.log(`\nFigures written to ${page}`);
}

function positiveInt(name: string, raw: string | undefined, min = 1): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be an integer ≥ ${min}, got ${raw}`);
  return value;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
